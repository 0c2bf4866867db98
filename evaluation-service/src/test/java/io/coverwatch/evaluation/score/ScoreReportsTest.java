package io.coverwatch.evaluation.score;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.RuleId;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.Rule;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The score as the database counts it, against an estate laid down row by row, so that each case of the reckoning is
 * there once: an open finding fails its resource in the rule's control, an excluded one does not count, a resolved
 * one is gone; a finding on a rule that does not evaluate the resource's kind, or on a resource evaluation does not
 * hold, changes nothing; a Defender assessment is an outcome of its own, failing when unhealthy or when its
 * recommendation's finding is open, not counted when that finding is excluded or the assessment does not apply.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ScoreReportsTest {

    private static final String SUBSCRIPTION_ID = "55555555-5555-5555-5555-555555555555";
    private static final String RESOURCE_GROUP = "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/Score-RG";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-analyst", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void theScoreCountsFindingsAndAssessmentsAsTheOutcomesTheyStandFor() {
        QuarkusTransaction.requiringNew().run(() -> {
            // Keep machines monitored: vm-a's agent is down, vm-b's missing Log Analytics agent is exempted, vm-c's
            // agent came back (resolved) and it carries a finding of an Arc rule, which no virtual machine has
            String vmA = machine("VM-A");
            finding(RuleCatalog.AMA_DOWN, vmA, FindingStatus.OPEN);
            finding(RuleCatalog.LOG_ANALYTICS_AGENT, machine("vm-b"), FindingStatus.EXCLUDED);
            String vmC = machine("vm-c");
            finding(RuleCatalog.AMA_DOWN, vmC, FindingStatus.RESOLVED);
            finding(RuleCatalog.ARC_DISCONNECTED, vmC, FindingStatus.OPEN);
            finding(
                    RuleCatalog.AMA_DOWN,
                    RESOURCE_GROUP + "/providers/Microsoft.Compute/virtualMachines/gone",
                    FindingStatus.OPEN);
            // Remediate security configurations, where virtual machines and storage accounts have no catalog rule:
            // only Defender's recommendations count
            assessment(machine("vm-d"), "d1", AssessmentStatus.UNHEALTHY); // unhealthy, its finding not yet raised
            assessment(machine("vm-e"), "e1", AssessmentStatus.NOT_APPLICABLE);
            String vmF = machine("vm-f");
            assessment(vmF, "f1", AssessmentStatus.UNHEALTHY);
            finding(RuleId.DEFENDER_RECOMMENDATION_PREFIX + "f1", vmF, FindingStatus.EXCLUDED);
            String vmI = machine("vm-i");
            assessment(vmI, "i1", AssessmentStatus.UNHEALTHY);
            finding(RuleId.DEFENDER_RECOMMENDATION_PREFIX + "i1", vmI, FindingStatus.OPEN);
            assessment(machine("vm-j"), "j1", AssessmentStatus.HEALTHY);
            assessment(resource("Microsoft.Storage/storageAccounts", "stscore"), "g1", AssessmentStatus.HEALTHY);
            resource("Microsoft.Example/widgets", "blind-spot");
        });

        given().get("/api/score?subscription=" + SUBSCRIPTION_ID.toUpperCase(Locale.ROOT))
                .then()
                .statusCode(200)
                .body(control(Control.MONITOR_MACHINES) + ".healthy", equalTo(7)) // b, c, d, e, f, i, j
                .body(control(Control.MONITOR_MACHINES) + ".unhealthy", equalTo(1)) // a
                .body(control(Control.REMEDIATE_SECURITY_CONFIGURATIONS) + ".healthy", equalTo(2)) // j, the account
                .body(control(Control.REMEDIATE_SECURITY_CONFIGURATIONS) + ".unhealthy", equalTo(2)); // d, i
    }

    private static String control(Control control) {
        return "subscriptions.'" + SUBSCRIPTION_ID + "'.controls.find { it.control == '" + control.name() + "' }";
    }

    private static String machine(String name) {
        return resource("Microsoft.Compute/virtualMachines", name);
    }

    /** A resource as evaluation holds it; the ARM ID keeps its case, the key is lower-cased. */
    private static String resource(String type, String name) {
        String id = RESOURCE_GROUP + "/providers/" + type + "/" + name;
        Panache.getEntityManager()
                .createNativeQuery("insert into evaluated_resource (resource_key, resource_id, resource_type,"
                        + " subscription_id, state, observed_at, known_since)"
                        + " values (:key, :id, :type, :subscription, cast('{}' as jsonb), :at, :at)")
                .setParameter("key", AzureResource.normalizeId(id))
                .setParameter("id", id)
                .setParameter("type", type.toLowerCase(Locale.ROOT))
                .setParameter("subscription", SUBSCRIPTION_ID)
                .setParameter("at", Timestamp.from(NOW))
                .executeUpdate();
        return id;
    }

    private static void finding(Rule rule, String resourceId, FindingStatus status) {
        finding(rule.id(), resourceId, status);
    }

    private static void finding(String ruleId, String resourceId, FindingStatus status) {
        Panache.getEntityManager()
                .createNativeQuery("insert into finding (finding_id, rule_id, title, severity, resource_id,"
                        + " resource_type, subscription_id, status, exclusion_reason, first_seen, last_seen)"
                        + " values (:id, :rule, :rule, 'High', :resource, :type, :subscription, :status, :reason,"
                        + " :at, :at)")
                .setParameter("id", Finding.idFor(ruleId, resourceId))
                .setParameter("rule", ruleId)
                .setParameter("resource", resourceId)
                .setParameter("type", AzureResource.typeOf(resourceId).orElseThrow())
                .setParameter("subscription", SUBSCRIPTION_ID)
                .setParameter("status", status.name())
                .setParameter("reason", status == FindingStatus.EXCLUDED ? "exempted until Q1" : null)
                .setParameter("at", Timestamp.from(NOW))
                .executeUpdate();
    }

    private static void assessment(String resourceId, String key, AssessmentStatus status) {
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
