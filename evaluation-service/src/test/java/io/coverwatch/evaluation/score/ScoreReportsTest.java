package io.coverwatch.evaluation.score;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.RuleId;
import io.coverwatch.evaluation.EstateRows;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The score as the database counts it, against an estate laid down row by row, so that each case of the reckoning is
 * there once: an open finding fails its resource in the rule's control, an excluded one does not count, a resolved
 * one is gone; a finding on a rule that does not evaluate the resource's kind changes nothing; a Defender assessment
 * is an outcome of its own, failing when unhealthy or when its recommendation's finding is open, not counted when that
 * finding is excluded or the assessment does not apply.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ScoreReportsTest {

    private static final String SUBSCRIPTION_ID = "55555555-5555-5555-5555-555555555555";

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
            EstateRows rows = new EstateRows(SUBSCRIPTION_ID);
            // Keep machines monitored: vm-a's agent is down, vm-b's missing Log Analytics agent is exempted, vm-c's
            // agent came back (resolved) and it carries a finding of an Arc rule, which no virtual machine has
            String vmA = rows.machine("VM-A");
            rows.finding(RuleCatalog.AMA_DOWN.id(), vmA, FindingStatus.OPEN);
            rows.finding(RuleCatalog.LOG_ANALYTICS_AGENT.id(), rows.machine("vm-b"), FindingStatus.EXCLUDED);
            String vmC = rows.machine("vm-c");
            rows.finding(RuleCatalog.AMA_DOWN.id(), vmC, FindingStatus.RESOLVED);
            rows.finding(RuleCatalog.ARC_DISCONNECTED.id(), vmC, FindingStatus.OPEN);
            // Remediate security configurations, where virtual machines and storage accounts have no catalog rule:
            // only Defender's recommendations count
            rows.assessment(
                    rows.machine("vm-d"), "d1", AssessmentStatus.UNHEALTHY); // unhealthy, its finding not yet raised
            rows.assessment(rows.machine("vm-e"), "e1", AssessmentStatus.NOT_APPLICABLE);
            String vmF = rows.machine("vm-f");
            rows.assessment(vmF, "f1", AssessmentStatus.UNHEALTHY);
            rows.finding(RuleId.DEFENDER_RECOMMENDATION_PREFIX + "f1", vmF, FindingStatus.EXCLUDED);
            String vmI = rows.machine("vm-i");
            rows.assessment(vmI, "i1", AssessmentStatus.UNHEALTHY);
            rows.finding(RuleId.DEFENDER_RECOMMENDATION_PREFIX + "i1", vmI, FindingStatus.OPEN);
            rows.assessment(rows.machine("vm-j"), "j1", AssessmentStatus.HEALTHY);
            rows.assessment(
                    rows.resource("Microsoft.Storage/storageAccounts", "stscore"), "g1", AssessmentStatus.HEALTHY);
            rows.resource("Microsoft.Example/widgets", "blind-spot");
        });

        // Laid down by hand, as another instance would write them: reckoned again once the database's statistics count
        // the rows (a second or a few) and the next look at that count (every unchanged-refresh-interval) sees it.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/score?subscription=" + SUBSCRIPTION_ID.toUpperCase(Locale.ROOT))
                        .then()
                        .statusCode(200)
                        .body(control(Control.MONITOR_MACHINES) + ".healthy", equalTo(7)) // b, c, d, e, f, i, j
                        .body(control(Control.MONITOR_MACHINES) + ".unhealthy", equalTo(1)) // a
                        .body(control(Control.REMEDIATE_SECURITY_CONFIGURATIONS) + ".healthy", equalTo(2)) // j, account
                        .body(control(Control.REMEDIATE_SECURITY_CONFIGURATIONS) + ".unhealthy", equalTo(2))); // d, i
        // The totals alone, as an overview shows them.
        given().get("/api/score?controls=false")
                .then()
                .statusCode(200)
                .body("overall.percentage", notNullValue())
                .body("overall.controls", nullValue())
                .body("subscriptions.'" + SUBSCRIPTION_ID + "'.maxPoints", notNullValue())
                .body("subscriptions.'" + SUBSCRIPTION_ID + "'.controls", nullValue());
    }

    private static String control(Control control) {
        return "subscriptions.'" + SUBSCRIPTION_ID + "'.controls.find { it.control == '" + control.name() + "' }";
    }
}
