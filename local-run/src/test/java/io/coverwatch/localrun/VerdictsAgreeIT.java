package io.coverwatch.localrun;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.RuleId;
import io.coverwatch.security.Roles;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a verdict and an action meet, they agree (issue 13, DESIGN.md §4 trust rules), over every service running
 * from its jar on the real broker and database, on an estate built only through the public REST API: an exempted
 * plan finding is neither fixed nor told as firing; a machine whose network blocks its agents gets one plan, and a
 * manual one; a machine whose agents a policy denies gets an exemption naming that policy, waiting for a person; a
 * subscription without Defender for Servers mutes its machines' findings and their remediation notices, whichever
 * arrives first.
 */
class VerdictsAgreeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Long enough for a second plan or a muted message to have shown up, had there been one (each takes ~1 s). */
    private static final Duration SETTLE = Duration.ofSeconds(8);

    private static final String SANDBOX = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
    private static final String PROTECTED = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";
    private static final String UNPROTECTED = "cccccccc-cccc-cccc-cccc-cccccccccccc";
    private static final String DENY_EXTENSIONS =
            "/subscriptions/" + PROTECTED + "/providers/Microsoft.Authorization/policyAssignments/deny-vm-extensions";

    private static RunningStack running;
    private static WebhookCatcher slack;

    @BeforeAll
    static void startEverything() throws IOException {
        slack = WebhookCatcher.start();
        running = RunningStack.start(
                "verdicts-agree",
                CoverwatchService.DOMAIN_SERVICES,
                Map.of(
                        "coverwatch.inventory.demo.enabled", "false",
                        "coverwatch.notification.webhooks.allowed-hosts", "127.0.0.1",
                        "coverwatch.notification.webhooks.plain-http-hosts", "127.0.0.1",
                        "coverwatch.remediation.dry-run", "false"));
        running.signIn("soc-lead", Roles.READER, Roles.INGEST, Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN);
        given().baseUri(running.url(CoverwatchService.NOTIFICATION))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "soc-slack", "kind", "slack", "url", slack.url("/slack")))
                .post("/api/channels")
                .then()
                .statusCode(201);
        // Every notice to Slack, grouped per subscription: a machine's finding that arrives up to three seconds before
        // its subscription's waits in the same group.
        given().baseUri(running.url(CoverwatchService.NOTIFICATION))
                .contentType(ContentType.JSON)
                .body("{\"route\": {\"receiver\": \"soc-slack\", \"group_by\": [\"subscription\"],"
                        + " \"group_wait\": \"3s\", \"group_interval\": \"1s\"}}")
                .put("/api/routes")
                .then()
                .statusCode(200);
    }

    @AfterAll
    static void stopEverything() {
        if (running != null) {
            running.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void anExemptedPlanFindingIsNotFixedAndIsToldResolvedAsExcluded() throws Exception {
        String sqlServer = "/subscriptions/" + SANDBOX + "/resourceGroups/sandbox-rg/providers/Microsoft.Sql/servers/"
                + "sandbox-sql";
        String findingId = Finding.idFor(RuleId.DEFENDER_FOR_SQL.id(), sqlServer);
        submit(subscription(SANDBOX, "sandbox-subscription", "SqlServers", "Free"));
        submit(resource(sqlServer, "Microsoft.Sql/servers", SANDBOX, "sandbox-rg", "{\"kind\": \"generic\"}"));
        awaitFinding(findingId, "open");
        await().atMost(TIMEOUT).until(() -> slackMentions("sandbox-sql") >= 1);
        String remediationId = awaitRemediation(findingId, "AWAITING_APPROVAL");

        given().baseUri(running.url(CoverwatchService.EVALUATION))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "scope",
                        "/subscriptions/" + SANDBOX,
                        "ruleId",
                        RuleId.DEFENDER_FOR_SQL.id(),
                        "reason",
                        "sandbox: risk accepted by the CISO",
                        "expiry",
                        Instant.now().plus(Duration.ofDays(90)).toString()))
                .post("/api/exemptions")
                .then()
                .statusCode(201);

        awaitFinding(findingId, "excluded");
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations/" + remediationId)
                .then()
                .body("remediation.status", equalTo("CANCELLED")));
        await().atMost(TIMEOUT).until(() -> slack.bodies().stream()
                .anyMatch(body ->
                        body.contains("sandbox-sql") && body.contains("excluded: sandbox: risk accepted by the CISO")));
        Thread.sleep(SETTLE.toMillis());
        assertEquals(
                1,
                given().baseUri(running.url(CoverwatchService.REMEDIATION))
                        .get("/api/remediations?finding=" + findingId)
                        .then()
                        .extract()
                        .<Integer>path("total"),
                "the excluded finding is planned no more");
        given().baseUri(running.url(CoverwatchService.NOTIFICATION))
                .get("/api/alerts")
                .then()
                .statusCode(200)
                .body("findAll { it.findingId == '" + findingId + "' && it.state == 'FIRING' }.size()", equalTo(0));
    }

    @Test
    void aMachineWhoseNetworkBlocksItsAgentsGetsOneManualPlan() throws Exception {
        submit(subscription(PROTECTED, "protected-subscription", "VirtualMachines", "Standard"));
        String machine = vmId(PROTECTED, "web-blocked");
        submit(vm(machine, PROTECTED, "false", "false", null));

        await().atMost(TIMEOUT).until(() -> remediationsOf(machine) >= 1);
        Thread.sleep(SETTLE.toMillis());

        assertEquals(1, remediationsOf(machine), "one plan for the machine");
        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?resource=" + machine)
                .then()
                .body("items[0].status", equalTo("MANUAL"))
                .body("items[0].reason", containsString("outbound"));
    }

    @Test
    void aMachineWhoseAgentsAPolicyDeniesGetsAnExemptionNamingThatPolicyWaitingForApproval() throws Exception {
        submit(subscription(PROTECTED, "protected-subscription", "VirtualMachines", "Standard"));
        String machine = vmId(PROTECTED, "web-denied");
        submit(vm(machine, PROTECTED, "true", "true", DENY_EXTENSIONS));

        await().atMost(TIMEOUT).until(() -> remediationsOf(machine) >= 1);
        Thread.sleep(SETTLE.toMillis());

        assertEquals(1, remediationsOf(machine), "one plan for the machine");
        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?resource=" + machine)
                .then()
                .body("items[0].action", equalTo("CREATE_POLICY_EXEMPTION"))
                .body("items[0].status", equalTo("AWAITING_APPROVAL"))
                .body("items[0].request", containsString(DENY_EXTENSIONS));
    }

    @Test
    void machinesFindingsArrivingBeforeTheirSubscriptionsAreMutedWithTheirRemediationNotices() throws Exception {
        List<String> machines = List.of("batch-01", "batch-02", "batch-03");
        for (String name : machines) {
            submit(vm(vmId(UNPROTECTED, name), UNPROTECTED, "true", "false", null));
        }
        submit(subscription(UNPROTECTED, "unprotected-subscription", "VirtualMachines", "Free"));

        awaitFinding(Finding.idFor(RuleId.DEFENDER_FOR_SERVERS.id(), "/subscriptions/" + UNPROTECTED), "open");
        for (String name : machines) {
            awaitFinding(Finding.idFor(RuleId.NOT_MONITORED.id(), vmId(UNPROTECTED, name)), "open");
        }
        await().atMost(TIMEOUT).until(() -> slackMentions("Defender for Servers should be enabled") >= 1);
        Thread.sleep(SETTLE.toMillis());

        for (String name : machines) {
            assertEquals(
                    0, slackMentions(name), name + " is muted by its subscription's plan finding: " + slack.bodies());
        }
        assertTrue(
                // other tests' machines are rightly told Not monitored; none of this subscription's may be
                slack.bodies().stream()
                        .noneMatch(body -> body.contains(UNPROTECTED) && body.contains("Machine is not monitored")),
                "no Not monitored finding nor its remediation reaches Slack: " + slack.bodies());
    }

    private static String vmId(String subscription, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/web-rg/providers/Microsoft.Compute/virtualMachines/"
                + name;
    }

    private static String subscription(String id, String name, String plan, String tier) {
        return "{\"id\": \"/subscriptions/" + id + "\", \"type\": \"Microsoft.Resources/subscriptions\", \"name\": \""
                + name + "\", \"subscriptionId\": \"" + id + "\", \"details\": {\"kind\": \"subscription\","
                + " \"displayName\": \"" + name + "\", \"production\": false, \"defenderPlans\": [{\"name\": \"" + plan
                + "\", \"pricingTier\": \"" + tier + "\"" + ("Standard".equals(tier) ? ", \"subPlan\": \"P2\"" : "")
                + "}], \"autoProvisioning\": [{\"name\": \"default\", \"on\": true}]}}";
    }

    /** A running Windows Server 2022 VM without agents, as Resource Graph would describe it. */
    private static String vm(String id, String subscription, String outbound, String denied, String assignment) {
        return resource(
                id,
                "Microsoft.Compute/virtualMachines",
                subscription,
                "web-rg",
                "{\"kind\": \"virtualMachine\", \"osType\": \"Windows\", \"powerState\": \"PowerState/running\","
                        + " \"extensions\": [], \"os\": {\"name\": \"Windows Server 2022 Datacenter\","
                        + " \"version\": \"10.0.20348\", \"imagePublisher\": \"MicrosoftWindowsServer\","
                        + " \"imageOffer\": \"WindowsServer\", \"imageSku\": \"2022-datacenter-azure-edition\"}, \"dataCollectionRuleIds\": [], \"outboundToAzureMonitor\": "
                        + outbound
                        + ", \"extensionPolicyDenied\": " + denied
                        + (assignment == null ? "" : ", \"extensionPolicyAssignmentId\": \"" + assignment + "\"")
                        + "}");
    }

    private static String resource(String id, String type, String subscription, String group, String details) {
        String name = id.substring(id.lastIndexOf('/') + 1);
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"name\": \"" + name + "\", \"subscriptionId\": \""
                + subscription + "\", \"resourceGroup\": \"" + group + "\", \"location\": \"westeurope\", \"details\": "
                + details + "}";
    }

    private static void submit(String json) {
        given().baseUri(running.url(CoverwatchService.INVENTORY))
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/resources")
                .then()
                .statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    private static long remediationsOf(String resourceId) {
        return given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?resource=" + resourceId)
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("total");
    }

    private static long slackMentions(String text) {
        return slack.bodies().stream().filter(body -> body.contains(text)).count();
    }

    private static String awaitRemediation(String findingId, String status) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + findingId + "&status=" + status)
                .then()
                .body("total", greaterThanOrEqualTo(1)));
        return given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + findingId + "&status=" + status)
                .then()
                .extract()
                .path("items[0].remediationId");
    }

    private static void awaitFinding(String findingId, String status) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(running.url(CoverwatchService.EVALUATION))
                .get("/api/findings/" + findingId)
                .then()
                .statusCode(200)
                .body("status", equalTo(status)));
    }
}
