package io.coverwatch.evaluation.heartbeat;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import io.coverwatch.contracts.WorkspaceSetting;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * prod-db-01 over the real broker and database, with the test profile's 3-second threshold: healthy while it
 * heartbeats, AMA down once it falls silent (found by the clock), healthy again at its next heartbeat; an exemption
 * keeps the finding visible as excluded.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AgentSilenceTest {

    private static final String PROD_SUBSCRIPTION_ID = "11111111-1111-1111-1111-111111111111";
    private static final String PROD_DB_01 = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";
    private static final String AMA_DOWN = Finding.idFor("CW-AGENT-AMA-DOWN", PROD_DB_01);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-lead", Roles.READER, Roles.OPERATOR);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @ConfigProperty(name = "coverwatch.evaluation.heartbeat.threshold")
    Duration threshold;

    @Test
    void prodDb01FallsSilentAndComesBack() throws Exception {
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            send(kafka, new ResourceUpserted(prodSubscription(), "h1"));
            send(kafka, new ResourceUpserted(prodDb01(), "h2"));
            // prod-db-01 heartbeats (every second, as an agent does each minute) until it is seen healthy: on a loaded
            // machine one heartbeat can take longer than the test profile's 3-second threshold to be stored.
            Instant firstWord = Instant.now();
            Instant[] lastWord = {firstWord};
            send(kafka, heartbeat(firstWord));
            await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                if (Duration.between(lastWord[0], Instant.now()).compareTo(Duration.ofSeconds(1)) >= 0) {
                    lastWord[0] = Instant.now();
                    send(kafka, heartbeat(lastWord[0]));
                }
                given().queryParam("resourceId", PROD_DB_01)
                        .get("/api/agents")
                        .then()
                        .body("[0].computer", equalTo("prod-db-01"))
                        .body("[0].agent", equalTo("AMA"))
                        .body("[0].country", equalTo("GB"))
                        .body("[0].status", equalTo("HEALTHY"));
            });
            given().get("/api/resources" + PROD_DB_01 + "/diagnosis")
                    .then()
                    .statusCode(200)
                    .body("kind", equalTo("VIRTUAL_MACHINE"))
                    .body("steps.result", hasItem("passed"))
                    .body("firstFailure", equalTo(null));

            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/findings/" + AMA_DOWN)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("open")));
            Instant opened =
                    Instant.parse(given().get("/api/findings/" + AMA_DOWN).path("firstSeen"));
            // Found by the clock, never before a heartbeat is older than the threshold; how soon after it is the
            // detection benchmark's to measure (./bench/run detection).
            assertFalse(opened.isBefore(firstWord.plus(threshold).minusMillis(1)), "opened " + opened + " too early");
            given().get("/api/findings/" + AMA_DOWN)
                    .then()
                    .body("diagnosis", containsString("ago"))
                    .body("resourceTags.environment", equalTo("production"));

            // An unreadable heartbeat goes to the dead-letter topic; the next one still arrives.
            EncodedEvent valid = CloudEventCodec.encode(event(heartbeat(Instant.now())));
            kafka.send(new ProducerRecord<>(
                    Topics.HEARTBEATS,
                    null,
                    valid.key(),
                    "{\"timeGenerated\": 7}".getBytes(StandardCharsets.UTF_8),
                    valid.kafkaHeaders()));
            kafka.send(valid.producerRecord());
            await().atMost(TIMEOUT)
                    .untilAsserted(() ->
                            given().get("/api/findings/" + AMA_DOWN).then().body("status", equalTo("resolved")));
            kafka.awaitRecord(
                    Topics.deadLetter(Topics.HEARTBEATS), record -> record.key().equals(valid.key()), TIMEOUT);

            // Silent again, then exempted for a maintenance window: the finding stays visible, as excluded.
            await().atMost(TIMEOUT)
                    .untilAsserted(() ->
                            given().get("/api/findings/" + AMA_DOWN).then().body("status", equalTo("open")));
            String exemption = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "scope", PROD_DB_01,
                            "ruleId", "CW-AGENT-AMA-DOWN",
                            "reason", "maintenance window",
                            "expiry", Instant.now().plus(Duration.ofHours(2)).toString(),
                            "createdBy", "somebody else")) // ignored: who asks is the token's subject
                    .post("/api/exemptions")
                    .then()
                    .statusCode(201)
                    .body("id", notNullValue())
                    .body("createdBy.subject", equalTo("soc-lead"))
                    .body("active", equalTo(true))
                    .extract()
                    .path("id");
            given().get("/api/findings/" + AMA_DOWN)
                    .then()
                    .body("status", equalTo("excluded"))
                    .body("exclusionReason", containsString("maintenance window (exempted by soc-lead until"));

            // Withdrawn after the window: the finding opens again, and the exemption stays listed with who withdrew it.
            SignedIn.as(issuer, "soc-duty-officer", Roles.READER, Roles.OPERATOR);
            given().delete("/api/exemptions/" + exemption).then().statusCode(204);
            given().get("/api/findings/" + AMA_DOWN).then().body("status", equalTo("open"));
            given().get("/api/exemptions/" + exemption)
                    .then()
                    .body("active", equalTo(false))
                    .body("createdBy.subject", equalTo("soc-lead"))
                    .body("withdrawnBy.subject", equalTo("soc-duty-officer"))
                    .body("withdrawnAt", notNullValue());
            given().delete("/api/exemptions/" + exemption).then().statusCode(404);
        }
    }

    @Test
    void theAgentsTableFiltersBySubscriptionInAnyCaseAndRefusesOneThatIsNotAnId() throws Exception {
        String finance = "/subscriptions/3a3a3a3a-0000-4000-8000-000000000001"
                + "/resourceGroups/fin-rg/providers/Microsoft.Compute/virtualMachines/fin-app-01";
        String hr = "/subscriptions/3a3a3a3a-0000-4000-8000-000000000002"
                + "/resourceGroups/hr-rg/providers/Microsoft.HybridCompute/machines/hr-file-01";
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            Instant now = Instant.now();
            send(kafka, heartbeat(finance, "fin-app-01", now));
            send(kafka, heartbeat(hr, "hr-file-01", now));
            await().atMost(TIMEOUT).untilAsserted(() -> {
                given().queryParam("resourceId", finance)
                        .get("/api/agents")
                        .then()
                        .body("size()", is(1));
                given().queryParam("resourceId", hr).get("/api/agents").then().body("size()", is(1));
            });
        }
        given().queryParam("subscription", "3A3A3A3A-0000-4000-8000-000000000001")
                .get("/api/agents")
                .then()
                .statusCode(200)
                .body("computer", contains("fin-app-01"));
        given().queryParam("subscription", "3a3a3a3a-0000-4000-8000-000000000002")
                .queryParam("resourceId", finance)
                .get("/api/agents")
                .then()
                .statusCode(200)
                .body("size()", is(0));
        given().queryParam("subscription", "fin-subscription")
                .get("/api/agents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("subscription"));
    }

    /**
     * The table shows the state each machine's findings were settled on, and filters by it: a deallocated VM is powered
     * off, and a machine whose only agent is the legacy one shows as such until that agent, too, falls silent — a
     * change the clock alone makes, which the sweep looks for.
     */
    @Test
    void theAgentsTableShowsEachMachinesStateAndFiltersByIt() throws Exception {
        String subscriptionId = "4b4b4b4b-0000-4000-8000-000000000001";
        String legacyOnly = "/subscriptions/" + subscriptionId
                + "/resourceGroups/ops-rg/providers/Microsoft.Compute/virtualMachines/ops-legacy-01";
        String deallocated = "/subscriptions/" + subscriptionId
                + "/resourceGroups/ops-rg/providers/Microsoft.Compute/virtualMachines/ops-spare-01";
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            send(kafka, new ResourceUpserted(machine(legacyOnly, subscriptionId, "PowerState/running"), "l1"));
            send(kafka, new ResourceUpserted(machine(deallocated, subscriptionId, "PowerState/deallocated"), "d1"));
            send(kafka, heartbeat(deallocated, "ops-spare-01", AgentHeartbeat.AZURE_MONITOR_AGENT, Instant.now()));
            send(kafka, heartbeat(legacyOnly, "ops-legacy-01", AgentHeartbeat.LEGACY_DIRECT_AGENT, Instant.now()));
            await().atMost(TIMEOUT).untilAsserted(() -> {
                given().queryParam("subscription", subscriptionId)
                        .queryParam("state", "LEGACY_AGENT")
                        .get("/api/agents")
                        .then()
                        .statusCode(200)
                        .body("computer", contains("ops-legacy-01"))
                        .body("[0].agent", equalTo("MMA"));
                given().queryParam("subscription", subscriptionId)
                        .queryParam("state", "POWERED_OFF")
                        .get("/api/agents")
                        .then()
                        .body("computer", contains("ops-spare-01"));
            });
            // No legacy heartbeat after the first: past the threshold the machine has no agent that counts.
            await().atMost(TIMEOUT).untilAsserted(() -> given().queryParam("subscription", subscriptionId)
                    .queryParam("state", "NO_AGENT")
                    .get("/api/agents")
                    .then()
                    .body("computer", contains("ops-legacy-01")));
        }
        given().queryParam("subscription", subscriptionId)
                .queryParam("state", "LEGACY_AGENT")
                .get("/api/agents")
                .then()
                .body("size()", is(0));
        given().queryParam("state", "SLEEPING")
                .get("/api/agents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("state"));
    }

    @Test
    void anExemptionWithAnUnknownRuleAPastExpiryOrNoReasonIsA400Problem() {
        for (Map<String, String> bad : List.of(
                Map.of(
                        "scope",
                        PROD_DB_01,
                        "ruleId",
                        "CW-NO-SUCH-RULE",
                        "reason",
                        "x",
                        "expiry",
                        "2099-01-01T00:00:00Z"),
                Map.of(
                        "scope",
                        PROD_DB_01,
                        "ruleId",
                        "CW-AGENT-AMA-DOWN",
                        "reason",
                        "x",
                        "expiry",
                        "2020-01-01T00:00:00Z"),
                Map.of(
                        "scope",
                        PROD_DB_01,
                        "ruleId",
                        "CW-AGENT-AMA-DOWN",
                        "reason",
                        " ",
                        "expiry",
                        "2099-01-01T00:00:00Z"))) {
            given().contentType(ContentType.JSON)
                    .body(bad)
                    .post("/api/exemptions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", notNullValue());
        }
    }

    @Test
    void coverageAndScoreAnswerOverTheWholeEstate() {
        given().get("/api/coverage").then().statusCode(200).body("rows", notNullValue());
        given().get("/api/coverage?productionOnly=true").then().statusCode(200);
        given().get("/api/coverage/history").then().statusCode(200);
        given().get("/api/score").then().statusCode(200).body("overall.maxPoints", notNullValue());
    }

    private static AgentHeartbeat heartbeat(Instant at) {
        return heartbeat(PROD_DB_01, "prod-db-01", at);
    }

    private static AgentHeartbeat heartbeat(String resourceId, String computer, Instant at) {
        return heartbeat(resourceId, computer, AgentHeartbeat.AZURE_MONITOR_AGENT, at);
    }

    private static AgentHeartbeat heartbeat(String resourceId, String computer, String agent, Instant at) {
        return new AgentHeartbeat(resourceId, computer, agent, "Windows", "1.1", "10.0.0.5", at, "GB");
    }

    /** A Windows VM with no agent extension installed. */
    private static AzureResource machine(String resourceId, String subscriptionId, String powerState) {
        return new AzureResource(
                resourceId,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                resourceId.substring(resourceId.lastIndexOf('/') + 1),
                subscriptionId,
                "ops-rg",
                "uksouth",
                Map.of(),
                new VirtualMachineDetails("Windows", powerState, List.of()));
    }

    private static AzureResource prodSubscription() {
        return new AzureResource(
                AzureResource.subscriptionResourceId(PROD_SUBSCRIPTION_ID),
                AzureResource.SUBSCRIPTION_TYPE,
                "prod-subscription",
                PROD_SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "prod-subscription",
                        List.of(
                                new DefenderPlan(DefenderPlan.SERVERS, PricingTier.STANDARD, "P2"),
                                new DefenderPlan(DefenderPlan.CLOUD_POSTURE, PricingTier.FREE, null)),
                        true,
                        List.of(new AutoProvisioningSetting("default", true)),
                        true,
                        new WorkspaceSetting("/subscriptions/x/workspaces/sentinel", false, true)));
    }

    private static AzureResource prodDb01() {
        return new AzureResource(
                PROD_DB_01,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                "prod-db-01",
                PROD_SUBSCRIPTION_ID,
                "prod-rg",
                "uksouth",
                Map.of("environment", "production"),
                new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        List.of(
                                new VmExtension(
                                        "AzureMonitorWindowsAgent",
                                        "Microsoft.Azure.Monitor",
                                        "AzureMonitorWindowsAgent",
                                        "1.1",
                                        "Succeeded",
                                        null),
                                new VmExtension(
                                        "MDE.Windows",
                                        "Microsoft.Azure.AzureDefenderForServers",
                                        "MDE.Windows",
                                        "1.0",
                                        "Succeeded",
                                        null)),
                        null,
                        List.of("/subscriptions/" + PROD_SUBSCRIPTION_ID
                                + "/resourceGroups/prod-rg/providers/Microsoft.Insights/dataCollectionRules/security"),
                        true,
                        false));
    }

    private static CloudEvent<CoverwatchEvent> event(CoverwatchEvent data) {
        return new CloudEvent<>(UUID.randomUUID().toString(), "/test", Instant.now(), data);
    }

    private static void send(KafkaProbe kafka, CoverwatchEvent data) throws Exception {
        kafka.send(CloudEventCodec.encode(event(data)).producerRecord());
    }
}
