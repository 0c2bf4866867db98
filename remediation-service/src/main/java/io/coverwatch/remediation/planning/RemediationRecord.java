package io.coverwatch.remediation.planning;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One remediation of one finding, as this service keeps it. */
@Entity
@Table(name = "remediation")
public class RemediationRecord extends PanacheEntityBase {

    @Id
    @Column(name = "remediation_id")
    public String remediationId;

    @Column(name = "finding_id")
    public String findingId;

    @Column(name = "rule_id")
    public String ruleId;

    public String action;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Enumerated(EnumType.STRING)
    public RemediationStatus status;

    @Column(name = "dry_run")
    public boolean dryRun;

    /** The request the action sends. */
    public String request;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
