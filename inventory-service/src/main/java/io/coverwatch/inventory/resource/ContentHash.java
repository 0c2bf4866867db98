package io.coverwatch.inventory.resource;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash of a resource's state: equal states hash equally, so an unchanged re-sync emits nothing. */
final class ContentHash {

    private ContentHash() {}

    static String of(AzureResource resource) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(ContractsJson.toBytes(resource)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
