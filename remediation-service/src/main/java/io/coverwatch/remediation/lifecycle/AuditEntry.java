package io.coverwatch.remediation.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of the append-only audit trail (the table refuses updates and deletes). */
@Entity
@Table(name = "remediation_audit")
public class AuditEntry extends PanacheEntityBase {

    /** What happened. */
    @Schema(
            description = "What happened to a remediation; JOINED: another finding of the same machine is answered by"
                    + " this plan (one plan per machine per episode).")
    public enum Kind {
        PLANNED,
        APPROVED,
        REJECTED,
        DEFERRED,
        HELD,
        REFUSED,
        EXECUTING,
        EXECUTED,
        RETRY,
        FAILED,
        VERIFIED,
        ESCALATED,
        CANCELLED,
        /** Another finding of the same machine is answered by this plan: one plan per machine per episode. */
        JOINED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "remediation_id")
    public String remediationId;

    public Instant at;

    /** Who: the token's subject of a person or an app, or {@code coverwatch} for the service itself. */
    public String actor;

    /** The token's display name; null for an app, whose token has none. */
    @Column(name = "actor_name")
    public String actorName;

    @Enumerated(EnumType.STRING)
    public Kind entry;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_before")
    public RemediationStatus statusBefore;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_after")
    public RemediationStatus statusAfter;

    public String reason;

    /** The request sent or that would be sent. */
    public String request;

    /** What came back. */
    public String result;
}
