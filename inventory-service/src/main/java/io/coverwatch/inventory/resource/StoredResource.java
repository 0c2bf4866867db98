package io.coverwatch.inventory.resource;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A resource as inventory last saw it. Never leaves the service: events carry contract records instead. */
@Entity
@Table(name = "resource")
public class StoredResource extends PanacheEntityBase {

    /** The lower-cased ARM ID. */
    @Id
    @Column(name = "resource_key")
    public String key;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "resource_type")
    public String type;

    @Column(name = "subscription_id")
    public String subscriptionId;

    public String name;

    /** The {@code AzureResource} record as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String state;

    /**
     * The payload as its source sent it, for the detail view; null where the source sent none. JSON, stored as text:
     * nothing queries inside it (V7).
     */
    @Column(name = "raw_payload")
    public String rawPayload;

    @Column(name = "content_hash")
    public String contentHash;

    public String origin;

    @Column(name = "last_changed")
    public Instant lastChanged;

    @Column(name = "last_seen")
    public Instant lastSeen;
}
