package io.coverwatch.evaluation.exemption;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user exemption as evaluation keeps it, withdrawn ones included. */
@Entity
@Table(name = "exemption")
public class ExemptionRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    /** A resource, resource group or subscription ID; the exemption covers everything under it. */
    public String scope;

    @Column(name = "rule_id")
    public String ruleId;

    public String reason;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** The token subject of who made it. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_by_name")
    public String createdByName;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When it was withdrawn; null while it stands (it may still have lapsed). */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    @Column(name = "withdrawn_by_name")
    public String withdrawnByName;
}
