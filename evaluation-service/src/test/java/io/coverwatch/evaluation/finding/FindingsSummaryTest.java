package io.coverwatch.evaluation.finding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.evaluation.EstateRows;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The overview's figures come from the database's counts, not from a page of findings: at the scale estate's 20,000
 * silent agents a page of 1,000 made "Not monitored" read 1,000 and every severity count a floor.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class FindingsSummaryTest {

    private static final String SUBSCRIPTION_ID = "77777777-7777-7777-7777-777777777777";

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
    void openFindingsAreCountedPerSeverityAndNotMonitoredMachinesOncePerMachine() {
        QuarkusTransaction.requiringNew().run(() -> {
            EstateRows rows = new EstateRows(SUBSCRIPTION_ID);
            // not monitored: vm-1's AMA is silent and it has no Log Analytics agent either (one machine, two findings)
            rows.finding(RuleCatalog.AMA_DOWN.id(), rows.machineId("vm-1"), FindingStatus.OPEN);
            rows.finding(RuleCatalog.LOG_ANALYTICS_AGENT.id(), rows.machineId("vm-1"), FindingStatus.OPEN);
            // not monitored: vm-2's Defender for Endpoint walk stopped at the extension's status
            rows.finding(
                    "CW-XSIG-MDE-NOT-DEPLOYED",
                    rows.machineId("vm-2"),
                    FindingStatus.OPEN,
                    Severity.MEDIUM,
                    TroubleshootingStep.EXTENSION_STATUS);
            // not monitored: vm-3's AMA is silent
            rows.finding(RuleCatalog.AMA_DOWN.id(), rows.machineId("vm-3"), FindingStatus.OPEN);
            // monitored: vm-4 only runs the legacy agent as well, vm-5's silence is exempted, vm-6's is over
            rows.finding("CW-AGENT-LEGACY-MMA", rows.machineId("vm-4"), FindingStatus.OPEN, Severity.LOW, null);
            rows.finding(RuleCatalog.AMA_DOWN.id(), rows.machineId("vm-5"), FindingStatus.EXCLUDED);
            rows.finding(RuleCatalog.AMA_DOWN.id(), rows.machineId("vm-6"), FindingStatus.RESOLVED);
        });

        given().get("/api/findings/summary?subscription=" + SUBSCRIPTION_ID + "&machines=2")
                .then()
                .statusCode(200)
                .body("open.High", equalTo(3))
                .body("open.Medium", equalTo(1))
                .body("open.Low", equalTo(1))
                .body("notMonitoredMachines", equalTo(3))
                .body(
                        "notMonitored.resourceId",
                        contains(
                                new EstateRows(SUBSCRIPTION_ID).machineId("vm-1"),
                                new EstateRows(SUBSCRIPTION_ID).machineId("vm-2")));
        given().get("/api/findings/summary?machines=1001").then().statusCode(400);
    }

    /**
     * The summary reads counts the database keeps as findings change (finding_tally): after each kind of statement a
     * finding goes through, one row or many at once, they must equal the findings counted afresh.
     */
    @Test
    void theCountsFollowTheFindingsThroughEveryKindOfChange() {
        String subscription = "88888888-8888-8888-8888-888888888888";
        EstateRows rows = new EstateRows(subscription);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int machine = 1; machine <= 6; machine++) {
                String id = rows.machineId("vm-" + machine);
                rows.finding(RuleCatalog.AMA_DOWN.id(), id, FindingStatus.OPEN);
                rows.finding(RuleCatalog.LOG_ANALYTICS_AGENT.id(), id, FindingStatus.OPEN);
                rows.finding("CW-AGENT-LEGACY-MMA", id, FindingStatus.OPEN, Severity.LOW, null);
                rows.finding("CW-XSIG-MDE-NOT-DEPLOYED", id, FindingStatus.RESOLVED, Severity.MEDIUM, null);
            }
        });
        String mine = " where subscription_id = '" + subscription + "'";
        assertCountsAgree(subscription);
        List.of(
                        // an evaluation that finds nothing new: only last_seen moves
                        "update finding set last_seen = now()" + mine,
                        // one machine's silence ends
                        "update finding set status = 'RESOLVED'" + mine + " and rule_id = '" + RuleCatalog.AMA_DOWN.id()
                                + "' and resource_id like '%/vm-1'",
                        // a rule's severity changes on open and resolved findings at once
                        "update finding set severity = 'MEDIUM'" + mine + " and rule_id = 'CW-AGENT-LEGACY-MMA'",
                        // a finding stops saying the machine is not monitored, then its machine's other one resolves
                        "update finding set not_monitored = false" + mine + " and rule_id = '"
                                + RuleCatalog.LOG_ANALYTICS_AGENT.id() + "' and resource_id like '%/vm-2'",
                        "update finding set status = 'RESOLVED'" + mine + " and rule_id = '" + RuleCatalog.AMA_DOWN.id()
                                + "' and resource_id like '%/vm-2'",
                        // resolved findings reopen, one becomes excluded
                        "update finding set status = 'OPEN'" + mine + " and rule_id = 'CW-XSIG-MDE-NOT-DEPLOYED'",
                        "update finding set status = 'EXCLUDED', exclusion_reason = 'exempted'" + mine
                                + " and rule_id = 'CW-XSIG-MDE-NOT-DEPLOYED' and resource_id like '%/vm-3'",
                        // a machine's findings are deleted; then every finding of the subscription resolves
                        "delete from finding" + mine + " and resource_id like '%/vm-4'",
                        "update finding set status = 'RESOLVED'" + mine)
                .forEach(change -> {
                    QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                            .createNativeQuery(change)
                            .executeUpdate());
                    assertCountsAgree(subscription);
                });
        given().get("/api/findings/summary?subscription=" + subscription)
                .then()
                .body("notMonitoredMachines", equalTo(0))
                .body("open.High", equalTo(0));
    }

    /** The summary of the subscription against its findings counted afresh. */
    private static void assertCountsAgree(String subscription) {
        String open = " from finding where status = 'OPEN' and subscription_id = '" + subscription + "'";
        Map<String, Integer> bySeverity = new HashMap<>();
        for (Severity severity : Severity.values()) {
            bySeverity.put(
                    severity.name(), count("select count(*)" + open + " and severity = '" + severity.name() + "'"));
        }
        int machines = count("select count(distinct lower(resource_id))" + open + " and not_monitored");
        given().get("/api/findings/summary?subscription=" + subscription)
                .then()
                .statusCode(200)
                .body("open.High", equalTo(bySeverity.get("HIGH")))
                .body("open.Medium", equalTo(bySeverity.get("MEDIUM")))
                .body("open.Low", equalTo(bySeverity.get("LOW")))
                .body("notMonitoredMachines", equalTo(machines));
    }

    private static int count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number)
                        Panache.getEntityManager().createNativeQuery(sql).getSingleResult())
                .intValue());
    }
}
