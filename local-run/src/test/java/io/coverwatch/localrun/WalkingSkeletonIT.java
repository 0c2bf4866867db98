package io.coverwatch.localrun;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Topics;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton over the real broker, the real database and the four built services: a VM in
 * dev-subscription, whose Defender for Servers plan is off, opens "Defender for Servers should be enabled"; remediation
 * plans the fix and notification raises the alert to a Slack-like webhook; switching the plan on resolves all three.
 * Every call carries a token from the local issuer, and afterwards no service log holds a token or the webhook URL.
 *
 * <p>The services start one at a time against the flow (notification, remediation, evaluation, inventory) on a
 * fresh broker that auto-creates topics: each consumer has created the topics it reads before the service producing
 * to them starts, and the order must not matter.
 */
class WalkingSkeletonIT {

    private static final String FINDING_ID = SeedExamples.SERVERS_PLAN_FINDING;
    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(30);

    /** The secret part of the webhook URL: it must reach the receiver and nothing else. */
    private static final String WEBHOOK_PATH = "/services/T0SKELETON/B0SKELETON/sk3l3t0n-w3bh00k-s3cr3t";

    private static RunningStack running;
    private static KafkaProbe kafka;
    private static WebhookCatcher slack;
    private static String token;

    @BeforeAll
    static void startEverything() throws IOException {
        slack = WebhookCatcher.start();
        // The demo estate holds the seeds' examples too: off here, so the chain is this test's alone. The receiver
        // stands for Slack on 127.0.0.1, so it is allowlisted over plain http for this run only.
        running = RunningStack.startOneAtATime(
                "walking-skeleton",
                List.of(
                        CoverwatchService.NOTIFICATION,
                        CoverwatchService.REMEDIATION,
                        CoverwatchService.EVALUATION,
                        CoverwatchService.INVENTORY),
                Map.of(
                        "coverwatch.inventory.demo.enabled", "false",
                        "coverwatch.notification.webhooks.allowed-hosts", "127.0.0.1",
                        "coverwatch.notification.webhooks.plain-http-hosts", "127.0.0.1",
                        "coverwatch.notification.routing.group-wait", "1s"));
        token = running.signIn("soc-admin", Roles.READER, Roles.INGEST, Roles.ADMIN);
        kafka = running.kafka();
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
    void aVmInASubscriptionWithoutDefenderForServersFlowsToAFindingARemediationAndAnAlert() throws Exception {
        given().baseUri(url(CoverwatchService.NOTIFICATION))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "soc-slack", "kind", "slack", "url", slack.url(WEBHOOK_PATH)))
                .post("/api/channels")
                .then()
                .statusCode(201);
        submit(SeedExamples.devSubscription("Free", null)).statusCode(201);
        submit(SeedExamples.devTest03()).statusCode(201);
        submit(SeedExamples.devTest03()).statusCode(200); // unchanged: no second event

        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> given().baseUri(url(CoverwatchService.EVALUATION))
                .get("/api/findings?status=open&rule=CW-DEF-SERVERS")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].findingId", equalTo(FINDING_ID))
                .body("[0].title", equalTo("Defender for Servers should be enabled"))
                .body("[0].severity", equalTo("High"))
                .body("[0].resourceId", equalTo(SeedExamples.DEV_SUBSCRIPTION)));

        ConsumerRecord<String, byte[]> opened =
                kafka.awaitRecord(Topics.FINDINGS, record -> FINDING_ID.equals(record.key()), FLOW_TIMEOUT);
        assertEquals(
                "coverwatch.evaluation.finding.opened",
                KafkaProbe.header(opened, "ce_type").orElseThrow());
        assertEquals(
                SeedExamples.DEV_SUBSCRIPTION,
                KafkaProbe.header(opened, "ce_subject").orElseThrow());
        assertEquals("1.0", KafkaProbe.header(opened, "ce_specversion").orElseThrow());
        long vmEvents = kafka.readAll(Topics.RESOURCES).stream()
                .filter(record -> record.key().equals(SeedExamples.DEV_TEST_03.toLowerCase()))
                .count();
        assertEquals(1, vmEvents, "an unchanged resubmission publishes nothing");

        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> given().baseUri(url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + FINDING_ID)
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].findingId", equalTo(FINDING_ID))
                .body("items[0].action", equalTo("ENABLE_DEFENDER_PLAN"))
                .body("items[0].status", equalTo("DRY_RUN"))
                .body("items[0].dryRun", equalTo(true)));
        String remediationId = given().baseUri(url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + FINDING_ID)
                .then()
                .extract()
                .path("items[0].remediationId");
        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> given().baseUri(url(CoverwatchService.NOTIFICATION))
                .get("/api/alerts/" + FINDING_ID)
                .then()
                .statusCode(200)
                .body("state", equalTo("FIRING"))
                .body("severity", equalTo("High")));

        // At-least-once delivery: the same event arriving again changes nothing.
        kafka.send(new ProducerRecord<>(Topics.FINDINGS, null, opened.key(), opened.value(), opened.headers()));
        kafka.awaitCaughtUp("remediation-service", Topics.FINDINGS, FLOW_TIMEOUT);
        kafka.awaitCaughtUp("notification-service", Topics.FINDINGS, FLOW_TIMEOUT);
        given().baseUri(url(CoverwatchService.REMEDIATION))
                .get("/api/remediations?finding=" + FINDING_ID)
                .then()
                .body("items", hasSize(1));

        // A record that is not a CloudEvent goes to the dead-letter topic with its reason; the stream goes on.
        kafka.send(new ProducerRecord<>(Topics.RESOURCES, "garbage", "not an event".getBytes(StandardCharsets.UTF_8)));
        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitRecord(
                Topics.deadLetter(Topics.RESOURCES), record -> "garbage".equals(record.key()), FLOW_TIMEOUT);
        String reason =
                KafkaProbe.header(deadLetter, Topics.DEAD_LETTER_REASON_HEADER).orElseThrow();
        assertTrue(reason.contains("missing header ce_specversion"), reason);

        submit(SeedExamples.devSubscription("Standard", "P2")).statusCode(201);

        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> given().baseUri(url(CoverwatchService.EVALUATION))
                .get("/api/findings/" + FINDING_ID)
                .then()
                .statusCode(200)
                .body("status", equalTo("resolved")));
        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> given().baseUri(url(CoverwatchService.NOTIFICATION))
                .get("/api/alerts/" + FINDING_ID)
                .then()
                .body("state", equalTo("RESOLVED")));
        // A dry run is history: it stays as it was, with the one plan it described.
        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> given().baseUri(url(CoverwatchService.REMEDIATION))
                .get("/api/remediations/" + remediationId)
                .then()
                .body("remediation.status", equalTo("DRY_RUN"))
                .body("trail", hasSize(1))
                .body("trail[0].entry", equalTo("PLANNED")));

        await().atMost(FLOW_TIMEOUT)
                .until(() -> slack.bodies().stream().anyMatch(body -> body.contains("Defender for Servers")));
        for (Path log : running.stack().serviceLogs()) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(text.contains("sk3l3t0n-w3bh00k-s3cr3t") || text.contains("T0SKELETON"), log + " has the URL");
            assertFalse(text.contains(token.substring(token.lastIndexOf('.') + 1)), log + " has the token");
            assertFalse(text.contains("eyJhbGciOi"), log + " has a JWT");
        }
    }

    @Test
    void everyApiRefusesACallWithoutATokenAndServesNoManagementEndpoint() {
        for (CoverwatchService service : CoverwatchService.DOMAIN_SERVICES) {
            given().baseUri(url(service))
                    .auth()
                    .none()
                    .get("/api/"
                            + Map.of(
                                            CoverwatchService.INVENTORY, "resources",
                                            CoverwatchService.EVALUATION, "findings",
                                            CoverwatchService.REMEDIATION, "remediations",
                                            CoverwatchService.NOTIFICATION, "channels")
                                    .get(service))
                    .then()
                    .statusCode(401);
            given().baseUri(url(service)).get("/q/health/ready").then().statusCode(404);
        }
    }

    @Test
    void everyServiceIsReadyWithKafkaAndTheDatabaseCheckedAndServesMetricsAndOpenApi() {
        for (CoverwatchService service : CoverwatchService.DOMAIN_SERVICES) {
            given().baseUri(running.managementUrl(service))
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(
                            "checks.name",
                            hasItems(
                                    "Database connections health check",
                                    "SmallRye Reactive Messaging - readiness check"));
            given().baseUri(running.managementUrl(service))
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("jvm_memory_used_bytes"));
            given().baseUri(running.managementUrl(service))
                    .get("/q/openapi?format=json")
                    .then()
                    .statusCode(200)
                    .body("info.title", equalTo("Coverwatch " + service.moduleName()));
        }
    }

    @Test
    void inventoryStartedLastFindsItsResourcesTopicCreatedByItsConsumersAndCompactsIt() throws Exception {
        String inventoryLog = Files.readString(
                running.stack().process(CoverwatchService.INVENTORY).logFile(), StandardCharsets.UTF_8);
        assertTrue(
                inventoryLog.contains(
                        "Gave existing topics their configured cleanup policy: [" + Topics.RESOURCES + "]"),
                "the consumers started first created the resources topic, without compaction");
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                running.stack().infra().kafka().bootstrapServers()))) {
            ConfigResource resources = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RESOURCES);
            assertEquals(
                    TopicConfig.CLEANUP_POLICY_COMPACT,
                    admin.describeConfigs(List.of(resources))
                            .all()
                            .get()
                            .get(resources)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value());
            List<String> topics = List.of(
                    Topics.RESOURCES,
                    Topics.HEARTBEATS,
                    Topics.SECURITY,
                    Topics.FINDINGS,
                    Topics.REMEDIATION_EVENTS,
                    Topics.deadLetter(Topics.RESOURCES),
                    Topics.deadLetter(Topics.FINDINGS));
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach((topic, description) ->
                            assertEquals(4, description.partitions().size(), topic + " partitions"));
        }
    }

    /** The compose file may only use variable names that configure the services in this very run. */
    @Test
    void dockerComposeConfiguresEachServiceThroughNamesThatWorkHere() throws IOException {
        for (CoverwatchService service : CoverwatchService.DOMAIN_SERVICES) {
            Set<String> working = new HashSet<>(
                    LocalStack.serviceEnvironment(running.stack().infra(), 0, 0).keySet());
            DockerComposeFileTest.configKeys(service).forEach(key -> working.add(LocalStack.environmentName(key)));
            Set<String> unknown =
                    new TreeSet<>(DockerComposeFileTest.environment(service).keySet());
            unknown.removeAll(working);
            assertTrue(unknown.isEmpty(), service.moduleName() + " has no configuration key for " + unknown);
        }
    }

    private static String url(CoverwatchService service) {
        return running.url(service);
    }

    private static ValidatableResponse submit(String json) {
        return given().baseUri(url(CoverwatchService.INVENTORY))
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/resources")
                .then();
    }
}
