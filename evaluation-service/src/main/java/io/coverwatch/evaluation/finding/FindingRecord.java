package io.coverwatch.evaluation.finding;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A finding as evaluation keeps it; mapped to the contract's {@link Finding} whenever it leaves the service. */
@Entity
@Table(name = "finding")
public class FindingRecord extends PanacheEntityBase {

    @Id
    @Column(name = "finding_id")
    public String findingId;

    @Column(name = "rule_id")
    public String ruleId;

    public String title;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "resource_type")
    public String resourceType;

    /** The lower-cased subscription ID. */
    @Column(name = "subscription_id")
    public String subscriptionId;

    @Enumerated(EnumType.STRING)
    public FindingStatus status;

    public String diagnosis;

    /** The troubleshooting step {@link #diagnosis} describes; null when it names none. */
    @Column(name = "diagnosis_step")
    @Enumerated(EnumType.STRING)
    public TroubleshootingStep diagnosisStep;

    public String remediation;

    /**
     * Whether it says its machine is not monitored: a monitoring-agent rule's, or one whose troubleshooting walk failed
     * a step. The ledger decides it; the findings summary counts it from an index.
     */
    @Column(name = "not_monitored")
    public boolean notMonitored;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "exclusion_reason")
    public String exclusionReason;

    /** The resource's tags as a JSON object, as they were when the finding last changed. */
    @Column(name = "resource_tags")
    @JdbcTypeCode(SqlTypes.JSON)
    public String resourceTags;

    @SuppressWarnings("unchecked") // written from a Map<String, String> by FindingLedger
    private Map<String, String> tags() {
        return resourceTags == null ? Map.of() : ContractsJson.fromJson(resourceTags, Map.class);
    }

    public Finding toFinding() {
        return new Finding(
                findingId,
                ruleId,
                title,
                severity,
                resourceId,
                resourceType,
                subscriptionId,
                status,
                diagnosis,
                remediation,
                firstSeen,
                lastSeen,
                exclusionReason,
                tags(),
                diagnosisStep);
    }
}
