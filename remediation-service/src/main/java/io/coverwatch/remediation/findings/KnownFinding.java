package io.coverwatch.remediation.findings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A finding as evaluation-service last reported it. */
@Entity
@Table(name = "known_finding")
public class KnownFinding extends PanacheEntityBase {

    @Id
    @Column(name = "finding_id")
    public String findingId;

    /** The contract record as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String finding;

    public boolean open;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
