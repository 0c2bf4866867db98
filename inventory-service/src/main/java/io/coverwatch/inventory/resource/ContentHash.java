package io.coverwatch.inventory.resource;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash of a resource's state: equal states hash equally, so an unchanged re-sync emits nothing. */
final class ContentHash {

    private ContentHash() {}

    /** @param state the resource as {@code ContractsJson} writes it: the bytes inventory stores and compares */
    static String of(byte[] state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(state));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
