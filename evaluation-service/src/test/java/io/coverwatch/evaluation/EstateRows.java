package io.coverwatch.evaluation;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;

/**
 * Rows of evaluation's tables laid down directly, in one resource group of one subscription, for tests of what the
 * database counts: each case is there once, without the events that would lead to it. Call inside a transaction.
 */
public final class EstateRows {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final String subscriptionId;
    private final String resourceGroup;

    public EstateRows(String subscriptionId) {
        this.subscriptionId = subscriptionId;
        this.resourceGroup = "/subscriptions/" + subscriptionId + "/resourceGroups/Rows-RG";
    }

    public String machineId(String name) {
        return resourceGroup + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /** A virtual machine as evaluation holds it; returns its ARM ID. */
    public String machine(String name) {
        return resource("Microsoft.Compute/virtualMachines", name);
    }

    /** A resource as evaluation holds it; the ARM ID keeps its case, the key is lower-cased. Returns the ARM ID. */
    public String resource(String type, String name) {
        String id = resourceGroup + "/providers/" + type + "/" + name;
        Panache.getEntityManager()
                .createNativeQuery("insert into evaluated_resource (resource_key, resource_id, resource_type,"
                        + " subscription_id, state, observed_at, known_since)"
                        + " values (:key, :id, :type, :subscription, cast('{}' as jsonb), :at, :at)")
                .setParameter("key", AzureResource.normalizeId(id))
                .setParameter("id", id)
                .setParameter("type", type.toLowerCase(Locale.ROOT))
                .setParameter("subscription", subscriptionId)
                .setParameter("at", Timestamp.from(NOW))
                .executeUpdate();
        return id;
    }

    public void finding(String ruleId, String resourceId, FindingStatus status) {
        finding(ruleId, resourceId, status, Severity.HIGH, null);
    }

    /** A finding as evaluation holds it; an excluded one has a reason. */
    public void finding(
            String ruleId, String resourceId, FindingStatus status, Severity severity, TroubleshootingStep step) {
        Panache.getEntityManager()
                .createNativeQuery("insert into finding (finding_id, rule_id, title, severity, resource_id,"
                        + " resource_type, subscription_id, status, exclusion_reason, diagnosis, diagnosis_step,"
                        + " not_monitored, first_seen, last_seen)"
                        + " values (:id, :rule, :rule, :severity, :resource, :type, :subscription, :status, :reason,"
                        + " :diagnosis, :step, :notMonitored, :at, :at)")
                .setParameter("id", Finding.idFor(ruleId, resourceId))
                .setParameter("rule", ruleId)
                .setParameter("severity", severity.name())
                .setParameter("resource", resourceId)
                .setParameter("type", AzureResource.typeOf(resourceId).orElseThrow())
                .setParameter("subscription", subscriptionId)
                .setParameter("status", status.name())
                .setParameter("reason", status == FindingStatus.EXCLUDED ? "exempted until Q1" : null)
                .setParameter("diagnosis", ruleId + " on " + resourceId)
                .setParameter("step", step == null ? null : step.name())
                .setParameter("notMonitored", FindingLedger.saysNotMonitored(ruleId, step))
                .setParameter("at", Timestamp.from(NOW))
                .executeUpdate();
    }

    /** A Defender assessment of the recommendation {@code key} on a resource. */
    public void assessment(String resourceId, String key, AssessmentStatus status) {
        DefenderAssessment assessment = new DefenderAssessment(
                resourceId + "/providers/Microsoft.Security/assessments/" + key,
                key,
                "Recommendation " + key,
                resourceId,
                status,
                null,
                null,
                null,
                null,
                NOW);
        Panache.getEntityManager()
                .createNativeQuery("insert into defender_assessment (resource_key, assessment_key, state, observed_at)"
                        + " values (:resource, :key, cast(:state as jsonb), :at)")
                .setParameter("resource", AzureResource.normalizeId(resourceId))
                .setParameter("key", key)
                .setParameter("state", ContractsJson.toJson(assessment))
                .setParameter("at", Timestamp.from(NOW))
                .executeUpdate();
    }
}
