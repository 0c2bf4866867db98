package io.coverwatch.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventDeserializer;
import io.coverwatch.inventory.azure.AzureSamples;
import io.coverwatch.inventory.eventhubs.EventHubRecords;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/assessments} and {@code POST /api/security-signals}: what a deployment without Event Hubs posts
 * becomes the same events on {@code coverwatch.inventory.security} as the Event Hubs path makes of the same records.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class SecurityIngestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SUBSCRIPTION = "/subscriptions/55555555-5555-5555-5555-555555555555";
    private static final String AZLOCAL_WITNESS =
            SUBSCRIPTION + "/resourceGroups/hci-rg/providers/Microsoft.Storage/storageAccounts/azlocalwitness";
    private static final String PROD_WEB_01 =
            SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";

    LocalTokenIssuer issuer;

    @Inject
    EventHubRecords eventHubs;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "ingest-script", Roles.INGEST, Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static CloudEvent<CoverwatchEvent> event(ConsumerRecord<String, byte[]> record) {
        return new CloudEventDeserializer().deserialize(record.topic(), record.headers(), record.value());
    }

    /** The events about a resource on the security topic, by origin (the end of ce_source). */
    private Map<String, List<CloudEvent<CoverwatchEvent>>> eventsAbout(String resourceId, Set<String> origins) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            return Awaitility.await()
                    .atMost(TIMEOUT)
                    .until(
                            () -> kafka.readAll(Topics.SECURITY).stream()
                                    .filter(record -> record.key().equals(resourceId.toLowerCase()))
                                    .map(SecurityIngestTest::event)
                                    .collect(Collectors.groupingBy(event -> event.source()
                                            .substring(event.source().lastIndexOf('/') + 1))),
                            byOrigin -> byOrigin.keySet().containsAll(origins));
        }
    }

    @Test
    void aPostedRecommendationIsTheEventContinuousExportMakes() {
        ObjectNode recommendation = AzureSamples.assessment(
                AZLOCAL_WITNESS,
                "3b363842-30f5-4056-980d-3a40fa5de8b3",
                "Storage accounts should prevent shared key access",
                "Unhealthy",
                "2026-11-20T09:30:00Z");

        given().contentType(ContentType.JSON)
                .body(Map.of("records", List.of(recommendation)))
                .post("/api/assessments")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));
        eventHubs.continuousExport("defender-export", recommendation.toString(), Instant.now());

        Map<String, List<CloudEvent<CoverwatchEvent>>> byOrigin =
                eventsAbout(AZLOCAL_WITNESS, Set.of("api", "event-hubs"));
        CloudEvent<CoverwatchEvent> posted = byOrigin.get("api").get(0);
        CloudEvent<CoverwatchEvent> streamed = byOrigin.get("event-hubs").get(0);
        assertEquals(streamed.id(), posted.id(), "one fact, one CloudEvent ID, whichever way it came");
        assertEquals(streamed.data(), posted.data());
    }

    @Test
    void postedAlertsAndSecurityEventsAreTheEventsEventHubsMake() {
        String securityEvent =
                """
                {"TimeGenerated": "2026-12-04T09:15:00Z", "Computer": "prod-web-01", "EventID": 4625,
                 "_ResourceId": "%s", "Type": "SecurityEvent"}"""
                        .formatted(PROD_WEB_01);
        String alert =
                """
                {"SystemAlertId": "2518298994999999999_8f2f6b5e", "AlertType": "VM_EICAR",
                 "AlertSeverity": "High", "TimeGenerated": "2026-12-04T09:20:00Z",
                 "ResourceId": "%s", "Type": "SecurityAlert"}"""
                        .formatted(PROD_WEB_01);

        given().contentType(ContentType.JSON)
                .body("[" + securityEvent + ", " + alert + "]")
                .post("/api/security-signals")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
        eventHubs.workspaceExport(
                "am-securityevent",
                "{\"records\": [" + securityEvent + "]}",
                Set.of(io.coverwatch.inventory.eventhubs.ExportedTable.SECURITY_EVENT));
        eventHubs.continuousExport("defender-export", alert, Instant.now());

        Map<String, List<CloudEvent<CoverwatchEvent>>> byOrigin = eventsAbout(PROD_WEB_01, Set.of("api", "event-hubs"));
        Awaitility.await().atMost(TIMEOUT).until(() -> {
            Map<String, List<CloudEvent<CoverwatchEvent>>> now = eventsAbout(PROD_WEB_01, Set.of("api", "event-hubs"));
            return now.get("event-hubs").size() >= 2;
        });
        byOrigin = eventsAbout(PROD_WEB_01, Set.of("api", "event-hubs"));
        assertEquals(
                byOrigin.get("event-hubs").stream().map(CloudEvent::id).collect(Collectors.toSet()),
                byOrigin.get("api").stream().map(CloudEvent::id).collect(Collectors.toSet()));
        assertEquals(
                byOrigin.get("event-hubs").stream().map(CloudEvent::data).collect(Collectors.toSet()),
                byOrigin.get("api").stream().map(CloudEvent::data).collect(Collectors.toSet()));
    }

    @Test
    void aBadRecordRefusesTheBatchNamingItsIndexAndField() {
        ObjectNode good = AzureSamples.assessment(
                AZLOCAL_WITNESS,
                "3b363842-30f5-4056-980d-3a40fa5de8b3",
                "Shared key",
                "Healthy",
                "2026-11-20T09:30:00Z");
        ObjectNode noStatus = good.deepCopy();
        ((ObjectNode) noStatus.path("properties")).remove("status");

        given().contentType(ContentType.JSON)
                .body(List.of(good, noStatus, Map.of("type", "Microsoft.Security/Locations/alerts")))
                .post("/api/assessments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("2 record(s) refused; nothing was accepted"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].reason", equalTo("properties.status.code is required"))
                .body("errors[1].index", equalTo(2))
                .body("errors[1].reason", startsWith("type is 'Microsoft.Security/Locations/alerts'"));

        given().contentType(ContentType.JSON)
                .body("[{\"TimeGenerated\": \"2026-12-04T09:15:00Z\", \"EventID\": 4625, \"Type\": \"SecurityEvent\"},"
                        + " {\"Type\": \"Heartbeat\"}]")
                .post("/api/security-signals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].index", equalTo(0))
                .body("errors[0].reason", equalTo("_ResourceId is required"))
                .body("errors[1].index", equalTo(1))
                .body("errors[1].reason", startsWith("Type is 'Heartbeat'"));

        given().contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/security-signals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("not JSON"));
    }
}
