package io.coverwatch.inventory.eventhubs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.Topics;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The Event Hubs streams' records, handled as the processor hands them over (a live hub cannot be reached here). */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class EventHubRecordsTest {

    private static final String DLQ = "coverwatch.inventory.eventhubs.dlq";
    private static final String SUBSCRIPTION = "/subscriptions/44444444-4444-4444-4444-444444444444";
    private static final String DEV_TEST_03 =
            SUBSCRIPTION + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    EventHubRecords records;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void exportedHeartbeatsArePublishedAndAnUnreadableRecordIsDeadLetteredWithItsReason() throws Exception {
        String fourHoursAgo = Instant.now().minus(Duration.ofHours(4)).toString();
        records.heartbeats(
                "am-heartbeat",
                """
                {"records": [
                  {"TimeGenerated": "%1$s", "Category": "Azure Monitor Agent", "Computer": "dev-test-03",
                   "_ResourceId": "%2$s", "Type": "Heartbeat"},
                  {"Category": "Azure Monitor Agent", "Computer": "dev-test-03", "_ResourceId": "%2$s"}
                ]}"""
                        .formatted(fourHoursAgo, DEV_TEST_03));
        records.heartbeats("am-heartbeat", "{not json");

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(Topics.HEARTBEATS, record -> record.key().equals(DEV_TEST_03.toLowerCase()), TIMEOUT);
            ConsumerRecord<String, byte[]> missingTime = kafka.awaitRecord(
                    DLQ,
                    record -> KafkaProbe.header(record, Topics.DEAD_LETTER_REASON_HEADER)
                            .orElse("")
                            .equals("record 1: TimeGenerated is required"),
                    TIMEOUT);
            assertEquals(
                    "am-heartbeat", KafkaProbe.header(missingTime, "event-hub").orElseThrow());
            kafka.awaitRecord(
                    DLQ,
                    record -> new String(record.value()).equals("{not json")
                            && KafkaProbe.header(record, Topics.DEAD_LETTER_REASON_HEADER)
                                    .orElse("")
                                    .startsWith("not JSON"),
                    TIMEOUT);
        }
    }

    @Test
    void aResourceDeletedInTheActivityLogIsForgottenAtOnce() {
        String storage = SUBSCRIPTION + "/resourceGroups/dev-rg/providers/Microsoft.Storage/storageAccounts/devlogs";
        given().contentType(ContentType.JSON)
                .body(
                        """
                        {"id": "%s", "type": "Microsoft.Storage/storageAccounts", "name": "devlogs",
                         "subscriptionId": "44444444-4444-4444-4444-444444444444"}"""
                                .formatted(storage))
                .post("/api/resources")
                .then()
                .statusCode(201);

        records.activityLog(
                "insights-activity-logs",
                """
                {"records": [{"time": "2026-11-23T08:00:00Z", "resourceId": "%s",
                  "operationName": "MICROSOFT.STORAGE/STORAGEACCOUNTS/DELETE", "resultType": "Success",
                  "category": "Write"}]}"""
                        .formatted(storage));

        given().get("/api/resources" + storage).then().statusCode(404);
    }
}
