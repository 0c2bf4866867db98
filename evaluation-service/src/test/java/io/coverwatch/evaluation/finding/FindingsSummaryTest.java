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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
}
