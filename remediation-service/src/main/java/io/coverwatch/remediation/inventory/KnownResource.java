package io.coverwatch.remediation.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Inventory's last word on one resource: its state, or when it was deleted. */
@Entity
@Table(name = "known_resource")
public class KnownResource extends PanacheEntityBase {

    /** The lower-cased ARM ID. */
    @Id
    @Column(name = "resource_key")
    public String key;

    /** The contract record as JSON; null once deleted. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String resource;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
