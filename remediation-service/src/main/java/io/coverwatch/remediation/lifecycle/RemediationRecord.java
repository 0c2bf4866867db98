package io.coverwatch.remediation.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One remediation of one finding episode, as this service keeps it. */
@Entity
@Table(name = "remediation")
public class RemediationRecord extends PanacheEntityBase {

    /** Whether Coverwatch makes the change itself or a person must. */
    @Schema(description = "AUTOMATIC: Coverwatch makes the change itself; MANUAL: a person must.")
    public enum PlanKind {
        AUTOMATIC,
        MANUAL
    }

    @Id
    @Column(name = "remediation_id")
    public String remediationId;

    @Column(name = "finding_id")
    public String findingId;

    @Column(name = "rule_id")
    public String ruleId;

    /** The catalog's action ({@code INSTALL_AMA} …), or the manual plan's obstacle. */
    public String action;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Enumerated(EnumType.STRING)
    public RemediationStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "plan_kind")
    public PlanKind planKind;

    /** The automatic plan as {@link PlanJson} writes it; null for manual steps. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String plan;

    /** A manual plan's steps. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> steps;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** Why it stands where it stands, in the words the audit trail and the alerts use. */
    public String reason;

    @Column(name = "dry_run")
    public boolean dryRun;

    /** The request the action sends, as one line (secrets are fetched at execution and never kept). */
    public String request;

    /** A deferred action runs no earlier than this; a failed attempt's retry likewise. */
    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "executed_at")
    public Instant executedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "verify_by")
    public Instant verifyBy;

    public int attempts;

    /** Held for approval by the blast-radius cap (the cap's stop is announced once per window). */
    @Column(name = "held_by_cap")
    public boolean heldByCap;

    /** What the executor answered last. */
    public String result;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
