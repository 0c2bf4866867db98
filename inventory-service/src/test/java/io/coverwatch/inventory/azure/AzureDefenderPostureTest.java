package io.coverwatch.inventory.azure;

import static io.coverwatch.inventory.azure.ProdEstate.ONPREM_SQL_01;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_SUBSCRIPTION;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_WEB_01;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.contracts.EventType;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventDeserializer;
import io.coverwatch.inventory.eventhubs.EventHubRecords;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Defender itself says, read from the fake Resource Graph: recommendations and the secure score reach {@code
 * coverwatch.inventory.security} as continuous export's do, and a machine a deny policy refuses names the assignment.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(FakeAzureTestResource.class)
class AzureDefenderPostureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Defender's "Machines should have vulnerability findings resolved" on prod-web-01, unhealthy since Monday. */
    private static final String VULNERABILITIES = "1195afff-c881-495e-9bc5-1486211ae03f";

    private static final String DENY_EXTENSIONS = "/subscriptions/" + PROD_SUBSCRIPTION
            + "/providers/Microsoft.Authorization/policyAssignments/deny-vm-extensions";

    LocalTokenIssuer issuer;

    private final FakeAzure azure = FakeAzureTestResource.fake();

    @Inject
    EventHubRecords eventHubs;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void estate() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
        AzureSyncTest.awaitIdle();
        azure.reset();
        ProdEstate.serve(azure);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static CloudEvent<CoverwatchEvent> event(ConsumerRecord<String, byte[]> record) {
        return new CloudEventDeserializer().deserialize(record.topic(), record.headers(), record.value());
    }

    private static boolean ofType(ConsumerRecord<String, byte[]> record, EventType type) {
        return KafkaProbe.header(record, "ce_type").orElse("").equals(type.type());
    }

    @Test
    void aRecommendationSyncedFromResourceGraphIsTheSameEventContinuousExportMakes() throws Exception {
        ObjectNode exported = AzureSamples.assessment(
                PROD_WEB_01,
                VULNERABILITIES,
                "Machines should have vulnerability findings resolved",
                "Unhealthy",
                "2026-11-30T08:00:00Z");
        azure.security(AzureSamples.row(exported, exported.path("id").asText()));

        AzureSyncTest.syncAndWait();
        eventHubs.continuousExport("defender-export", exported.toString(), Instant.now());

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(
                    Topics.SECURITY,
                    record -> record.key().equals(PROD_WEB_01.toLowerCase())
                            && KafkaProbe.header(record, "ce_source").orElse("").endsWith("/event-hubs"),
                    TIMEOUT);
            List<ConsumerRecord<String, byte[]>> assessments = kafka.readAll(Topics.SECURITY).stream()
                    .filter(record -> record.key().equals(PROD_WEB_01.toLowerCase()))
                    .filter(record -> ofType(record, EventType.DEFENDER_ASSESSMENT))
                    .toList();
            ConsumerRecord<String, byte[]> synced = assessments.stream()
                    .filter(record ->
                            KafkaProbe.header(record, "ce_source").orElse("").endsWith("/azure-rm"))
                    .findFirst()
                    .orElseThrow();
            ConsumerRecord<String, byte[]> streamed = assessments.stream()
                    .filter(record ->
                            KafkaProbe.header(record, "ce_source").orElse("").endsWith("/event-hubs"))
                    .findFirst()
                    .orElseThrow();

            CloudEvent<CoverwatchEvent> fromArm = event(synced);
            assertEquals(event(streamed).id(), fromArm.id(), "one fact, one CloudEvent ID: consumers keep one");
            assertEquals(event(streamed).data(), fromArm.data());
            DefenderAssessment assessment = assertInstanceOf(DefenderAssessment.class, fromArm.data());
            assertEquals(AssessmentStatus.UNHEALTHY, assessment.status());
            assertEquals(PROD_WEB_01, assessment.resourceId());
            assertEquals(Instant.parse("2026-11-30T08:00:00Z"), assessment.observedAt());
        }
    }

    @Test
    void theSubscriptionsSecureScoreIsPublishedAsDefenderReportsIt() throws Exception {
        ObjectNode score = AzureSamples.secureScore(PROD_SUBSCRIPTION);
        azure.security(AzureSamples.row(score, score.path("id").asText()));
        Instant before = Instant.now();

        AzureSyncTest.syncAndWait();

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            ConsumerRecord<String, byte[]> record = kafka.awaitRecord(
                    Topics.SECURITY,
                    candidate -> ofType(candidate, EventType.DEFENDER_SECURE_SCORE)
                            && candidate.key().equals("/subscriptions/" + PROD_SUBSCRIPTION)
                            && event(candidate).time().isAfter(before.minusSeconds(1)),
                    TIMEOUT);
            DefenderSecureScore published =
                    assertInstanceOf(DefenderSecureScore.class, event(record).data());
            assertEquals(23.53, published.currentScore());
            assertEquals(39, published.maxScore());
            assertEquals(0.6033, published.percentage());
            assertEquals("ASC score", published.displayName());
        }
    }

    @Test
    void aMachineADenyPolicyRefusesCarriesTheAssignment() {
        azure.policies(AzureSamples.policyState(PROD_WEB_01 + "/extensions/MDE.Windows", DENY_EXTENSIONS, "deny"));

        AzureSyncTest.syncAndWait();

        given().get("/api/resources" + PROD_WEB_01)
                .then()
                .statusCode(200)
                .body("state.details.extensionPolicyAssignmentId", equalTo(DENY_EXTENSIONS))
                .body("state.details.extensionPolicyDenied", equalTo(true));
        given().get("/api/resources" + ONPREM_SQL_01)
                .then()
                .statusCode(200)
                .body("state.details.extensionPolicyAssignmentId", equalTo(null));
    }

    @Test
    void aTargetedRefreshOfTheMachineReadsItsPolicyStatesToo() {
        AzureSyncTest.syncAndWait();
        azure.policies(AzureSamples.policyState(PROD_WEB_01, DENY_EXTENSIONS, "deny"));

        given().queryParam("resourceId", PROD_WEB_01).post("/api/sync").then().statusCode(202);

        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/resources" + PROD_WEB_01)
                .then()
                .body("state.details.extensionPolicyAssignmentId", equalTo(DENY_EXTENSIONS)));
    }
}
