package io.coverwatch.inventory.demo;

import static io.coverwatch.inventory.demo.ShippedEstate.ANALYTICS_DB;
import static io.coverwatch.inventory.demo.ShippedEstate.AZLOCAL_WITNESS;
import static io.coverwatch.inventory.demo.ShippedEstate.DEV_SUBSCRIPTION;
import static io.coverwatch.inventory.demo.ShippedEstate.DEV_TEST_03;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_DB_01;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_JUMP_01;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_WEB_01;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_WEB_STORE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.SecuritySignal.SignalKind;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.cloudevents.CloudEventDeserializer;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DemoEstateTest.DemoEstateOn.class)
@WithTestResource(LocalInfraTestResource.class)
class DemoEstateTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    /** The demo estate on, with a heartbeat every second instead of every minute. */
    public static class DemoEstateOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "coverwatch.inventory.demo.enabled", "true",
                    "coverwatch.inventory.demo.heartbeat-interval", "1s");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String AMA = "Microsoft.Azure.Monitor";
    private static final String AZLOCAL_NODE_02 = "/subscriptions/33333333-3333-3333-3333-333333333333"
            + "/resourceGroups/azlocal-rg/providers/Microsoft.HybridCompute/machines/azlocal-node-02";
    private static final String PROD_APP_02 = "/subscriptions/11111111-1111-1111-1111-111111111111"
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-app-02";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static CoverwatchEvent data(ConsumerRecord<String, byte[]> record) {
        return new CloudEventDeserializer()
                .deserialize(record.topic(), record.headers(), record.value())
                .data();
    }

    private static Predicate<ConsumerRecord<String, byte[]>> upserted(
            String resourceId, Predicate<AzureResource> matches) {
        return record -> record.key().equals(AzureResource.normalizeId(resourceId))
                && KafkaProbe.header(record, "ce_source").orElse("").endsWith("/demo")
                && data(record) instanceof ResourceUpserted upserted
                && matches.test(upserted.resource());
    }

    private static <T extends CoverwatchEvent> Predicate<ConsumerRecord<String, byte[]>> security(
            String resourceId, Class<T> kind, Predicate<T> matches) {
        return record -> record.key().equals(AzureResource.normalizeId(resourceId))
                && KafkaProbe.header(record, "ce_source").orElse("").endsWith("/demo")
                && kind.isInstance(data(record))
                && matches.test(kind.cast(data(record)));
    }

    private static Predicate<ConsumerRecord<String, byte[]>> heartbeat(
            String resourceId, Predicate<AgentHeartbeat> matches) {
        return record -> record.key().equals(AzureResource.normalizeId(resourceId))
                && data(record) instanceof AgentHeartbeat heartbeat
                && matches.test(heartbeat);
    }

    @Test
    void theSeedExamplesArePublishedFromTheDemoEstate() {
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            for (String seedExample : List.of(PROD_WEB_01, DEV_SUBSCRIPTION, ANALYTICS_DB, DEV_TEST_03, PROD_DB_01)) {
                kafka.awaitRecord(Topics.RESOURCES, upserted(seedExample, resource -> true), TIMEOUT);
            }
        }
        given().queryParam("subscription", ShippedEstate.DEV_SUBSCRIPTION_ID)
                .get("/api/resources")
                .then()
                .statusCode(200)
                .body("name", hasItems("dev-subscription", "dev-test-03"));
    }

    @Test
    void runningAgentsBeatEverySecondAndDevTest03sLastHeartbeatIsFourHoursOld() {
        Instant testStart = Instant.now();
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(
                    Topics.HEARTBEATS,
                    heartbeat(
                            PROD_DB_01,
                            beat -> beat.category().equals(AgentHeartbeat.AZURE_MONITOR_AGENT)
                                    && beat.timeGenerated().isAfter(testStart.plusSeconds(1))),
                    TIMEOUT);
            AgentHeartbeat last = (AgentHeartbeat)
                    data(kafka.awaitRecord(Topics.HEARTBEATS, heartbeat(DEV_TEST_03, beat -> true), TIMEOUT));
            Duration age = Duration.between(last.timeGenerated(), Instant.now());
            assertTrue(
                    age.compareTo(Duration.ofHours(4)) >= 0 && age.compareTo(Duration.ofHours(5)) < 0, age::toString);

            List<ConsumerRecord<String, byte[]>> all = kafka.readAll(Topics.HEARTBEATS);
            assertEquals(
                    1,
                    all.stream().filter(heartbeat(DEV_TEST_03, beat -> true)).count(),
                    "dev-test-03's agent is stopped: one last heartbeat, then silence");
            assertEquals(
                    0, all.stream().filter(heartbeat(PROD_WEB_01, beat -> true)).count(), "prod-web-01 has no agent");
        }
    }

    @Test
    void theCrossSignalIsOnTheSecurityTopic() {
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(
                    Topics.SECURITY,
                    security(
                            PROD_WEB_01,
                            SecuritySignal.class,
                            alert -> alert.kind() == SignalKind.DEFENDER_ALERT
                                    && alert.name().equals("VM_EICAR")),
                    TIMEOUT);
            for (String collecting : List.of(PROD_JUMP_01, PROD_DB_01)) {
                kafka.awaitRecord(
                        Topics.SECURITY,
                        security(collecting, SecuritySignal.class, event -> event.kind() == SignalKind.SECURITY_EVENT),
                        TIMEOUT);
            }
            for (String storage : List.of(AZLOCAL_WITNESS, PROD_WEB_STORE)) {
                kafka.awaitRecord(
                        Topics.SECURITY,
                        security(
                                storage,
                                DefenderAssessment.class,
                                assessment -> assessment.status() == AssessmentStatus.UNHEALTHY
                                        && assessment
                                                .displayName()
                                                .equals("Storage accounts should prevent shared key access")),
                        TIMEOUT);
            }
            assertEquals(
                    0,
                    kafka.readAll(Topics.SECURITY).stream()
                            .filter(security(
                                    PROD_WEB_01,
                                    SecuritySignal.class,
                                    event -> event.kind() == SignalKind.SECURITY_EVENT))
                            .count(),
                    "prod-web-01 has no agent to collect security events");
        }
    }

    @Test
    void aWindowsMachineWhoseAgentFailsStopsSendingSecurityEvents() {
        Map<String, String> amaOnNode02 =
                Map.of("resourceId", AZLOCAL_NODE_02, "publisher", AMA, "type", "AzureMonitorWindowsAgent");
        given().contentType(ContentType.JSON)
                .body(amaOnNode02)
                .post("/api/demo/scenarios/extension-failed")
                .then()
                .statusCode(200)
                .body("sendsSecurityEvents", equalTo(false));
        Map<String, String> reinstall = new HashMap<>(amaOnNode02);
        reinstall.put("action", "install-extension");
        given().contentType(ContentType.JSON)
                .body(reinstall)
                .post("/api/demo/actions")
                .then()
                .statusCode(200)
                .body("sendsSecurityEvents", equalTo(true));
    }

    @Test
    void aFailedExtensionIsPublishedAndReinstallingItClosesTheLoop() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "resourceId",
                        PROD_APP_02,
                        "publisher",
                        AMA,
                        "type",
                        "AzureMonitorLinuxAgent",
                        "statusMessage",
                        "Enable failed: cannot reach the AzureMonitor endpoints"))
                .post("/api/demo/scenarios/extension-failed")
                .then()
                .statusCode(200)
                .body("published", equalTo(true))
                .body("sendsHeartbeats", hasSize(0));

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(Topics.RESOURCES, upserted(PROD_APP_02, resource -> hasAma(resource, "Failed")), TIMEOUT);

            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "action",
                            "install-extension",
                            "resourceId",
                            PROD_APP_02,
                            "publisher",
                            AMA,
                            "type",
                            "AzureMonitorLinuxAgent"))
                    .post("/api/demo/actions")
                    .then()
                    .statusCode(200)
                    .body("published", equalTo(true))
                    .body("sendsHeartbeats", equalTo(List.of(AgentHeartbeat.AZURE_MONITOR_AGENT)));

            kafka.awaitRecord(
                    Topics.RESOURCES, upserted(PROD_APP_02, resource -> hasAma(resource, "Succeeded")), TIMEOUT);
        }
    }

    @Test
    void theScenariosAreListed() {
        given().get("/api/demo/scenarios")
                .then()
                .statusCode(200)
                .body(
                        "name",
                        hasItems(
                                "agent-stops",
                                "vm-powered-off",
                                "extension-removed",
                                "extension-failed",
                                "plan-switched-off",
                                "policy-denies-extensions"));
    }

    @Test
    void anUnknownScenarioIsANotFoundProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("resourceId", PROD_DB_01))
                .post("/api/demo/scenarios/meteor-strike")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No demo scenario meteor-strike"));
    }

    @Test
    void aBodyThatNamesNoUsableResourceIsABadRequestProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("plan", "VirtualMachines"))
                .post("/api/demo/scenarios/plan-switched-off")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("resourceId", DEV_SUBSCRIPTION + "/resourceGroups/x/providers/a/b/nothing-here"))
                .post("/api/demo/scenarios/agent-stops")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("action", "format-disk", "resourceId", PROD_DB_01))
                .post("/api/demo/actions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static boolean hasAma(AzureResource resource, String provisioningState) {
        return Machines.extensions(resource).stream()
                .filter(Machines::isAzureMonitorAgent)
                .map(VmExtension::provisioningState)
                .anyMatch(provisioningState::equals);
    }
}
