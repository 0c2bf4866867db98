package io.coverwatch.evaluation.exemption;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user exemption as evaluation keeps it. */
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

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
