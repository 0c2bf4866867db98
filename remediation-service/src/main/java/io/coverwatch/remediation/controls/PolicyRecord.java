package io.coverwatch.remediation.controls;

import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.safety.PolicyMode;
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

/** One remediation policy as stored: an action, a scope and a mode, with who set it. */
@Entity
@Table(name = "remediation_policy")
public class PolicyRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public RemediationAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope_kind")
    public ScopeKind scopeKind;

    @Column(name = "scope_value")
    public String scopeValue;

    @Enumerated(EnumType.STRING)
    public PolicyMode mode;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;
}
