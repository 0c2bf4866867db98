package io.coverwatch.contracts;

import java.util.Objects;

/** A resource is gone from its source. A tombstone for its key follows on the compacted topic. */
public record ResourceDeleted(String resourceId, String resourceType, String subscriptionId) implements ResourceKeyed {

    public ResourceDeleted {
        Objects.requireNonNull(resourceId, "resourceId");
    }
}
