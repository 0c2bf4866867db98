package io.coverwatch.inventory.azure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Keeps {@link SubscriptionSyncStatus} rows, one short transaction per update. */
@ApplicationScoped
public class SyncStatusStore {

    @Transactional
    public void succeeded(String subscriptionId, String displayName, Instant at, int resourcesSeen) {
        SubscriptionSyncStatus status = row(subscriptionId, displayName);
        status.lastAttempt = at;
        status.lastSuccess = at;
        status.resourcesSeen = resourcesSeen;
        status.lastError = null;
        status.lastErrorKind = null;
        status.lastErrorAt = null;
    }

    @Transactional
    public void failed(String subscriptionId, String displayName, Instant at, String kind, String error) {
        SubscriptionSyncStatus status = row(subscriptionId, displayName);
        status.lastAttempt = at;
        status.lastError = error;
        status.lastErrorKind = kind;
        status.lastErrorAt = at;
    }

    @Transactional
    public List<SubscriptionSyncStatus> all() {
        return SubscriptionSyncStatus.listAll(io.quarkus.panache.common.Sort.by("subscriptionId"));
    }

    private static SubscriptionSyncStatus row(String subscriptionId, String displayName) {
        String key = subscriptionId.toLowerCase(Locale.ROOT);
        SubscriptionSyncStatus status = SubscriptionSyncStatus.findById(key);
        if (status == null) {
            status = new SubscriptionSyncStatus();
            status.subscriptionId = key;
            status.persist();
        }
        if (displayName != null) {
            status.displayName = displayName;
        }
        return status;
    }
}
