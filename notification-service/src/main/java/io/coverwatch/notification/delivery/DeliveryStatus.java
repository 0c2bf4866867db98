package io.coverwatch.notification.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where one message to one channel stands. Nothing leaves the log: a message ends delivered or parked. */
@Schema(
        description = "Where one message to one channel stands: pending (waiting for its next attempt), sending"
                + " (claimed by an instance; reclaimable once the lease runs out), delivered, or parked (given up on:"
                + " a 4xx, or the last attempt failed; waits for a person to re-drive it).")
public enum DeliveryStatus {
    /** Waiting for its next attempt time. */
    PENDING,
    /** Claimed by an instance that is sending it; reclaimable once the lease runs out. */
    SENDING,
    DELIVERED,
    /** Given up on (a 4xx, or the last attempt failed): waits for a person to re-drive it. */
    PARKED;
}
