package io.coverwatch.contracts;

import java.util.Objects;

/** A resource is gone from its source. A tombstone for its key follows on the compacted topic. */
public record ResourceDeleted(String resourceId, String resourceType, String subscriptionId)
        implements CoverwatchEvent {

    public ResourceDeleted {
        Objects.requireNonNull(resourceId, "resourceId");
    }

    @Override
    public String partitionKey() {
        return AzureResource.normalizeId(resourceId);
    }

    @Override
    public String subject() {
        return resourceId;
    }
}
