package io.coverwatch.inventory.azure;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The sync state of one subscription. */
@Entity
@Table(name = "azure_sync_status")
public class SubscriptionSyncStatus extends PanacheEntityBase {

    /** Lower-cased subscription ID. */
    @Id
    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "last_attempt")
    public Instant lastAttempt;

    @Column(name = "last_success")
    public Instant lastSuccess;

    /** The last failure's explanation; cleared by the next success. */
    @Column(name = "last_error")
    public String lastError;

    /** {@code missing-permissions}, {@code not-visible} or {@code failed}; cleared by the next success. */
    @Column(name = "last_error_kind")
    public String lastErrorKind;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    /** Resources recorded by the last successful sync, the subscription itself included. */
    @Column(name = "resources_seen")
    public Integer resourcesSeen;
}
