package io.coverwatch.contracts;

import java.util.Objects;

/**
 * A resource appeared or its state changed.
 *
 * @param contentHash hash of the resource's state, so unchanged re-syncs can be recognised
 */
public record ResourceUpserted(AzureResource resource, String contentHash) implements CoverwatchEvent {

    public ResourceUpserted {
        Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String partitionKey() {
        return AzureResource.normalizeId(resource.id());
    }

    @Override
    public String subject() {
        return resource.id();
    }
}
