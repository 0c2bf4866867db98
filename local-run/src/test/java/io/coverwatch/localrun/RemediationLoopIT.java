package io.coverwatch.localrun;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.coverwatch.contracts.Finding;
import io.coverwatch.security.Roles;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole loop on the demo estate, every service running from its jar against the real broker and database, and a
 * local HTTP receiver standing for Slack and Teams: a silent agent is found, told, fixed through the demo estate,
 * verified and told resolved; a paid plan waits for a person; dry-run changes nothing. Nothing in between is faked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemediationLoopIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String AMA_DOWN = "CW-AGENT-AMA-DOWN";
    private static final String PROD_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    private static final String PROD = "/subscriptions/" + PROD_SUBSCRIPTION;
    private static final String DEV = "/subscriptions/22222222-2222-2222-2222-222222222222";
    private static final String DEV_TEST_03 =
            DEV + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";

    private static RunningStack running;
    private static HttpServer receiver;
    private static final List<String> slack = new CopyOnWriteArrayList<>();
    private static final List<String> teams = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startEverything() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/slack", exchange -> {
            slack.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/archive", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/teams", exchange -> {
            teams.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        running = RunningStack.start(
                "remediation-loop",
                CoverwatchService.DOMAIN_SERVICES,
                Map.of(
                        "coverwatch.inventory.demo.heartbeat-interval", "1s",
                        "coverwatch.evaluation.heartbeat.threshold", "6s",
                        "coverwatch.evaluation.heartbeat.sweep-interval", "200ms",
                        "coverwatch.notification.webhooks.allowed-hosts", "hooks.slack.com,127.0.0.1",
                        "coverwatch.notification.webhooks.plain-http-hosts", "127.0.0.1",
                        // A fresh install (dry-run on) whose operator allows more than 5 changes a minute.
                        "coverwatch.remediation.safety.rate-limit", "100",
                        "coverwatch.remediation.execution.poll-interval", "1s"));
        running.signIn("soc-lead", Roles.READER, Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN);
    }

    @AfterAll
    static void stopEverything() {
        if (running != null) {
            running.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void onAFreshInstallDryRunPlansAndAuditsDevTest03sFixAndChangesNothing() throws Exception {
        String findingId = Finding.idFor(AMA_DOWN, DEV_TEST_03);
        awaitFinding(findingId, "open");

        String remediationId = awaitRemediation(findingId, "DRY_RUN");
        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations/" + remediationId)
                .then()
                .body("remediation.reason", containsString("Dry run, nothing was changed"))
                .body("remediation.request", containsString("PUT " + DEV_TEST_03 + "/extensions/"))
                .body("trail.entry", equalTo(List.of("PLANNED")));
        // Long enough for a fix to have been sent, verified and resolved had it run (it takes seconds).
        Thread.sleep(Duration.ofSeconds(15).toMillis());
        awaitFinding(findingId, "open");
        for (String status : List.of("QUEUED", "EXECUTING", "EXECUTED", "VERIFIED", "FAILED")) {
            given().baseUri(running.url(CoverwatchService.REMEDIATION))
                    .get("/api/remediations?status=" + status)
                    .then()
                    .body("total", equalTo(0));
        }

        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .contentType(ContentType.JSON)
                .body(Map.of("on", false, "reason", "go live"))
                .put("/api/safety/dry-run")
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(false))
                .body("changedBy", equalTo("soc-lead"));
    }

    @Test
    @Order(2)
    void devTest03StopsHeartbeatingIsToldFixedOnTheDemoEstateVerifiedAndToldResolved() {
        String findingId = Finding.idFor(AMA_DOWN, DEV_TEST_03);
        // Its agent comes back by itself first, so that it is seen to stop.
        demoScenario("agent-restarts", Map.of("resourceId", DEV_TEST_03));
        awaitFinding(findingId, "resolved");
        createChannelsAndRouteAgentFindings();

        demoScenario("agent-stops", Map.of("resourceId", DEV_TEST_03));

        awaitFinding(findingId, "open");
        await().atMost(TIMEOUT).until(() -> mentions(slack, "dev-test-03") == 1 && mentions(teams, "dev-test-03") == 1);
        await().atMost(TIMEOUT).until(() -> verifiedReinstalls(findingId) == 1);
        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + findingId + "&status=VERIFIED")
                .then()
                .body("items[0].action", equalTo("REINSTALL_EXTENSION"))
                .body("items[0].result", containsString("demo estate"));
        awaitFinding(findingId, "resolved");
        await().atMost(TIMEOUT).until(() -> resolvedMentions(slack, "dev-test-03") >= 1);
        await().atMost(TIMEOUT).until(() -> resolvedMentions(teams, "dev-test-03") >= 1);
        assertEquals(1, firingOnly(slack, "dev-test-03"), "one firing message on Slack");
        assertEquals(1, firingOnly(teams, "dev-test-03"), "one firing message on Teams");
    }

    @Test
    @Order(3)
    void defenderForServersOffOnProductionWaitsForApprovalAndApprovingItBringsCoverageTo100() {
        String findingId = Finding.idFor("CW-DEF-SERVERS", PROD);
        demoScenario("plan-switched-off", Map.of("resourceId", PROD, "plan", "VirtualMachines"));
        String remediationId = awaitRemediation(findingId, "AWAITING_APPROVAL");
        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations/" + remediationId)
                .then()
                .body("remediation.reason", containsString("a Defender plan costs money"))
                .body("remediation.request", containsString("pricings/VirtualMachines"));

        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .contentType(ContentType.JSON)
                .body(Map.of("comment", "prod must be covered"))
                .post("/api/remediations/" + remediationId + "/approve")
                .then()
                .statusCode(200);

        awaitRemediation(findingId, "VERIFIED");
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(running.url(CoverwatchService.EVALUATION))
                .get("/api/coverage?subscription=" + PROD_SUBSCRIPTION + "&kind=VIRTUAL_MACHINE")
                .then()
                .body("subscriptions[0].percentage", equalTo(100.0f)));
        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations/" + remediationId)
                .then()
                .body("trail.entry", hasItem("APPROVED"))
                .body("trail.find { it.entry == 'APPROVED' }.actor", equalTo("soc-lead"));
    }

    private static void createChannelsAndRouteAgentFindings() {
        String notification = running.url(CoverwatchService.NOTIFICATION).toString();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        for (Map<String, Object> channel : List.of(
                Map.<String, Object>of("name", "soc-slack", "kind", "slack", "url", base + "/slack"),
                Map.<String, Object>of("name", "soc-teams", "kind", "teams", "url", base + "/teams"),
                Map.<String, Object>of(
                        "name",
                        "soc-archive",
                        "kind",
                        "webhook",
                        "url",
                        base + "/archive",
                        "signingSecret",
                        "archive-signing-secret-0123456789"))) {
            given().baseUri(notification)
                    .contentType(ContentType.JSON)
                    .body(channel)
                    .post("/api/channels")
                    .then()
                    .statusCode(201);
        }
        // The agent findings go to Slack and Teams, each group told at once and its changes within a second; the rest
        // of the demo estate's notices only to the archive.
        given().baseUri(notification)
                .contentType(ContentType.JSON)
                .body("{\"route\": {\"receiver\": \"soc-archive\", \"routes\": [{\"matchers\": [\"rule=\\\"" + AMA_DOWN
                        + "\\\"\", \"noticeKind=\\\"FINDING\\\"\"], \"receiver\": \"*\", \"group_by\": [\"subscription\"],"
                        + " \"group_wait\": \"1s\", \"group_interval\": \"1s\"}]}}")
                .put("/api/routes")
                .then()
                .statusCode(200);
    }

    private static long verifiedReinstalls(String findingId) {
        return remediations(findingId, "&status=VERIFIED");
    }

    private static long remediations(String findingId, String filter) {
        Number total = given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + findingId + "&action=REINSTALL_EXTENSION" + filter)
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        return total.longValue();
    }

    private static long mentions(List<String> messages, String text) {
        return messages.stream().filter(message -> message.contains(text)).count();
    }

    private static long resolvedMentions(List<String> messages, String text) {
        return messages.stream()
                .filter(message -> message.contains(text) && message.contains("Resolved"))
                .count();
    }

    private static long firingOnly(List<String> messages, String text) {
        return messages.stream()
                .filter(message -> message.contains(text) && !message.contains("Resolved"))
                .count();
    }

    private static String awaitRemediation(String findingId, String status) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + findingId + "&status=" + status)
                .then()
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        return given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + findingId + "&status=" + status)
                .then()
                .extract()
                .path("items[0].remediationId");
    }

    private static void awaitFinding(String findingId, String status) {
        try {
            await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(running.url(CoverwatchService.EVALUATION))
                    .get("/api/findings/" + findingId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(status)));
        } catch (ConditionTimeoutException e) {
            // What remediation made of the finding says why it did not get there.
            throw new AssertionError(
                    "finding " + findingId + " is not " + status + "; its remediations: "
                            + given().baseUri(running.url(CoverwatchService.REMEDIATION))
                                    .get("/api/remediations?finding=" + findingId)
                                    .asString(),
                    e);
        }
    }

    private static void demoScenario(String scenario, Map<String, String> request) {
        given().baseUri(running.url(CoverwatchService.INVENTORY))
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/demo/scenarios/" + scenario)
                .then()
                .statusCode(200);
    }
}
