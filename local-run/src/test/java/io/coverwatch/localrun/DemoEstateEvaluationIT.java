package io.coverwatch.localrun;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.security.Roles;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * evaluation-service on the demo estate: the seeds' examples yield the seeds' verdicts, the cross-signal and the Azure
 * Local exclusions show, and silence is an event (an agent that stops sending heartbeats is found by the clock). Runs
 * the demo estate with a heartbeat every second and a short threshold, and evaluation-service as one instance, then
 * two.
 */
class DemoEstateEvaluationIT {

    private static final Duration THRESHOLD = Duration.ofSeconds(6);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String AMA_DOWN = "CW-AGENT-AMA-DOWN";
    private static final String PROD = "/subscriptions/11111111-1111-1111-1111-111111111111";
    private static final String DEV = "/subscriptions/22222222-2222-2222-2222-222222222222";
    private static final String PROD_DB_01 =
            PROD + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";
    private static final String PROD_WEB_01 =
            PROD + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";
    private static final String PROD_JUMP_01 =
            PROD + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-jump-01";
    private static final String ANALYTICS_DB =
            PROD + "/resourceGroups/data-rg/providers/Microsoft.Sql/servers/analytics-db";
    private static final String DEV_TEST_03 =
            DEV + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";
    private static final String PROD_WEB_STORE =
            PROD + "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/prodwebstore01";
    private static final String AZURE_LOCAL_WITNESS =
            "/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/"
                    + "azlocal-rg/providers/Microsoft.Storage/storageAccounts/azlocalwitness01";
    private static final String SHARED_KEY = "Storage accounts should prevent shared key access";
    private static final Map<String, String> SHORT_CLOCKS = Map.of(
            "coverwatch.inventory.demo.heartbeat-interval", "1s",
            "coverwatch.evaluation.heartbeat.threshold", THRESHOLD.toSeconds() + "s",
            "coverwatch.evaluation.heartbeat.sweep-interval", "200ms");

    private static RunningStack running;
    private static KafkaProbe kafka;

    @BeforeAll
    static void startInventoryAndEvaluation() {
        running = RunningStack.start(
                "demo-estate-evaluation",
                EnumSet.of(CoverwatchService.INVENTORY, CoverwatchService.EVALUATION),
                SHORT_CLOCKS);
        running.signIn("soc-operator", Roles.READER, Roles.OPERATOR);
        kafka = running.kafka();
    }

    @AfterAll
    static void stopEverything() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theSeedsExamplesYieldTheSeedsVerdicts() {
        awaitFinding("CW-MON-LA-AGENT", PROD_WEB_01, "open");
        awaitFinding("CW-DEF-SERVERS", DEV, "open");
        awaitFinding("CW-DEF-SQL", ANALYTICS_DB, "open");
        awaitFinding(AMA_DOWN, DEV_TEST_03, "open");
        given().baseUri(evaluation())
                .get("/api/findings/" + Finding.idFor(AMA_DOWN, DEV_TEST_03))
                .then()
                .body("severity", equalTo("High"))
                .body("diagnosis", containsString("4 hours"));
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(evaluation())
                .get("/api/resources" + PROD_DB_01 + "/diagnosis")
                .then()
                .statusCode(200)
                .body("agentHealth", equalTo("HEALTHY"))
                .body("firstFailure", nullValue())
                .body("findings.findAll { it.status != 'resolved' }", empty()));
    }

    @Test
    void theCrossSignalAndTheAzureLocalExclusionsShow() {
        awaitFinding("CW-XSIG-AMA-NOT-COLLECTING", PROD_WEB_01, "open");
        awaitFinding("CW-XSIG-MDE-NOT-DEPLOYED", PROD_JUMP_01, "open");
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(evaluation())
                .get("/api/resources" + AZURE_LOCAL_WITNESS + "/diagnosis")
                .then()
                .body("findings.find { it.title == '" + SHARED_KEY + "' }.status", equalTo("excluded"))
                .body(
                        "findings.find { it.title == '" + SHARED_KEY + "' }.exclusionReason",
                        containsString("exclusively through shared keys")));
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(evaluation())
                .get("/api/resources" + PROD_WEB_STORE + "/diagnosis")
                .then()
                .body("findings.find { it.title == '" + SHARED_KEY + "' }.status", equalTo("open")));
    }

    @Test
    void prodDb01sAgentStopsAndAmaDownOpensWithinTheThresholdPlusTwoSecondsThenResolvesWhenItRestarts() {
        String findingId = Finding.idFor(AMA_DOWN, PROD_DB_01);
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(evaluation())
                .queryParam("resourceId", PROD_DB_01)
                .get("/api/agents")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("HEALTHY")));

        demoScenario("agent-stops");

        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(evaluation())
                .get("/api/findings/" + findingId)
                .then()
                .statusCode(200)
                .body("status", equalTo("open")));
        Instant opened = Instant.parse(
                given().baseUri(evaluation()).get("/api/findings/" + findingId).path("firstSeen"));
        Instant lastHeartbeat = Instant.parse(given().baseUri(evaluation())
                .queryParam("resourceId", PROD_DB_01)
                .get("/api/agents")
                .path("[0].lastHeartbeat"));
        Duration late = Duration.between(lastHeartbeat.plus(THRESHOLD), opened);
        assertTrue(
                !late.isNegative() && late.compareTo(Duration.ofSeconds(2)) <= 0,
                "AMA down opened " + late + " after the threshold was crossed");

        demoScenario("agent-restarts");

        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(evaluation())
                .get("/api/findings/" + findingId)
                .then()
                .body("status", equalTo("resolved")));
    }

    @Test
    void twoInstancesOpenExactlyOneFindingPerSilentAgentAcrossARebalance() throws Exception {
        String subscriptionId = "44444444-4444-4444-4444-444444444444";
        List<AzureResource> machines = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> runningVmWithHealthyAgents(subscriptionId, "batch-vm-%02d".formatted(i)))
                .toList();
        send(subscription(subscriptionId));
        machines.forEach(DemoEstateEvaluationIT::send);

        // The agents heartbeat every second while a second instance starts and joins the consumer group, and fall
        // silent as soon as it is in: the partitions move under the silence.
        ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor();
        agents.scheduleAtFixedRate(() -> heartbeats(machines), 0, 1, TimeUnit.SECONDS);
        try {
            running.stack().startAnother(CoverwatchService.EVALUATION, SHORT_CLOCKS);
        } finally {
            agents.shutdownNow();
            assertTrue(agents.awaitTermination(10, TimeUnit.SECONDS));
        }

        Set<String> expected = machines.stream()
                .map(machine -> Finding.idFor(AMA_DOWN, machine.id()))
                .collect(Collectors.toSet());
        await().atMost(TIMEOUT).until(() -> openedFor(expected).size() == expected.size());
        Thread.sleep(THRESHOLD.toMillis());
        List<ConsumerRecord<String, byte[]>> opened = openedFor(expected);
        assertEquals(expected.size(), opened.size(), "one finding opened per silent agent, never two");
        assertEquals(expected, opened.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
    }

    private static void heartbeats(List<AzureResource> machines) {
        Instant now = Instant.now();
        machines.forEach(machine -> send(new AgentHeartbeat(
                machine.id(), machine.name(), AgentHeartbeat.AZURE_MONITOR_AGENT, "Linux", "1.36", null, now, "GB")));
    }

    private static void awaitFinding(String ruleId, String resourceId, String status) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(evaluation())
                .get("/api/findings/" + Finding.idFor(ruleId, resourceId))
                .then()
                .statusCode(200)
                .body("status", equalTo(status)));
    }

    private static List<ConsumerRecord<String, byte[]>> openedFor(Set<String> findingIds) {
        return kafka.readAll(Topics.FINDINGS).stream()
                .filter(record -> findingIds.contains(record.key()))
                .filter(record -> KafkaProbe.header(record, "ce_type")
                        .orElseThrow()
                        .equals("coverwatch.evaluation.finding.opened"))
                .toList();
    }

    private static AzureResource subscription(String subscriptionId) {
        return new AzureResource(
                AzureResource.subscriptionResourceId(subscriptionId),
                AzureResource.SUBSCRIPTION_TYPE,
                "batch-subscription",
                subscriptionId,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "batch-subscription",
                        List.of(new DefenderPlan(DefenderPlan.SERVERS, PricingTier.STANDARD, "P2")),
                        false,
                        List.of(new AutoProvisioningSetting("default", true)),
                        true,
                        null));
    }

    private static AzureResource runningVmWithHealthyAgents(String subscriptionId, String name) {
        String resourceGroup = "/subscriptions/" + subscriptionId + "/resourceGroups/batch-rg";
        return new AzureResource(
                resourceGroup + "/providers/Microsoft.Compute/virtualMachines/" + name,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                name,
                subscriptionId,
                "batch-rg",
                "uksouth",
                Map.of(),
                new VirtualMachineDetails(
                        "Linux",
                        "PowerState/running",
                        List.of(
                                new VmExtension(
                                        "AzureMonitorLinuxAgent",
                                        "Microsoft.Azure.Monitor",
                                        "AzureMonitorLinuxAgent",
                                        "1.36",
                                        "Succeeded",
                                        null),
                                new VmExtension(
                                        "MDE.Linux",
                                        "Microsoft.Azure.AzureDefenderForServers",
                                        "MDE.Linux",
                                        "1.0",
                                        "Succeeded",
                                        null)),
                        null,
                        List.of(resourceGroup + "/providers/Microsoft.Insights/dataCollectionRules/security"),
                        true,
                        false));
    }

    private static void send(AzureResource resource) {
        send(new ResourceUpserted(resource, UUID.randomUUID().toString()));
    }

    private static void send(CoverwatchEvent event) {
        try {
            kafka.send(CloudEventCodec.encode(
                            new CloudEvent<>(UUID.randomUUID().toString(), "/test", Instant.now(), event))
                    .producerRecord());
        } catch (Exception e) {
            throw new IllegalStateException("Could not send " + event, e);
        }
    }

    private static void demoScenario(String scenario) {
        given().baseUri(running.url(CoverwatchService.INVENTORY))
                .contentType(ContentType.JSON)
                .body(Map.of("resourceId", PROD_DB_01))
                .post("/api/demo/scenarios/" + scenario)
                .then()
                .statusCode(200);
    }

    private static String evaluation() {
        return running.url(CoverwatchService.EVALUATION);
    }
}
