package io.coverwatch.inventory.eventhubs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventDeserializer;
import io.coverwatch.inventory.azure.AzureSamples;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Event Hubs streams' records, handled as the processor hands them over (a live hub cannot be reached here). */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class EventHubRecordsTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static final String DLQ = "coverwatch.inventory.eventhubs.dlq";
    private static final String SUBSCRIPTION = "/subscriptions/44444444-4444-4444-4444-444444444444";
    private static final String DEV_TEST_03 =
            SUBSCRIPTION + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";
    private static final String PROD_WEB_01 =
            SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";
    private static final String PROD_DB_01 =
            SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    EventHubRecords records;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static CloudEvent<CoverwatchEvent> event(ConsumerRecord<String, byte[]> record) {
        return new CloudEventDeserializer().deserialize(record.topic(), record.headers(), record.value());
    }

    private static Predicate<ConsumerRecord<String, byte[]>> deadLetter(String reason) {
        return record -> KafkaProbe.header(record, Topics.DEAD_LETTER_REASON_HEADER)
                .orElse("")
                .equals(reason);
    }

    @Test
    void exportedHeartbeatsArePublishedAndAnUnreadableRecordIsDeadLetteredWithItsReason() throws Exception {
        String fourHoursAgo = Instant.now().minus(Duration.ofHours(4)).toString();
        records.workspaceExport(
                "am-heartbeat",
                """
                {"records": [
                  {"TimeGenerated": "%1$s", "Category": "Azure Monitor Agent", "Computer": "dev-test-03",
                   "_ResourceId": "%2$s", "Type": "Heartbeat"},
                  {"Category": "Azure Monitor Agent", "Computer": "dev-test-03", "_ResourceId": "%2$s"}
                ]}"""
                        .formatted(fourHoursAgo, DEV_TEST_03),
                Set.of(ExportedTable.HEARTBEAT));
        records.workspaceExport("am-heartbeat", "{not json", Set.of(ExportedTable.HEARTBEAT));

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(Topics.HEARTBEATS, record -> record.key().equals(DEV_TEST_03.toLowerCase()), TIMEOUT);
            ConsumerRecord<String, byte[]> missingTime =
                    kafka.awaitRecord(DLQ, deadLetter("record 1: TimeGenerated is required"), TIMEOUT);
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
    void oneDataExportHubCarriesHeartbeatsAndSecurityEventsToldApartByType() {
        String now = Instant.now().minusSeconds(30).toString();
        records.workspaceExport(
                "coverwatch-export",
                """
                {"records": [
                  {"TimeGenerated": "%1$s", "Category": "Azure Monitor Agent", "_ResourceId": "%2$s",
                   "Type": "Heartbeat"},
                  {"TimeGenerated": "%1$s", "EventID": 4624, "Computer": "prod-db-01", "_ResourceId": "%2$s",
                   "Type": "SecurityEvent"},
                  {"TimeGenerated": "%1$s", "Facility": "auth", "_ResourceId": "%2$s", "Type": "Syslog"},
                  {"TimeGenerated": "%1$s", "EventID": "logon", "_ResourceId": "%2$s", "Type": "SecurityEvent"},
                  {"TimeGenerated": "%1$s", "EventID": 4625, "_ResourceId": "%2$s"}
                ]}"""
                        .formatted(now, PROD_DB_01),
                Set.of(ExportedTable.HEARTBEAT, ExportedTable.SECURITY_EVENT));

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            String key = AzureResource.normalizeId(PROD_DB_01);
            kafka.awaitRecord(Topics.HEARTBEATS, record -> record.key().equals(key), TIMEOUT);
            SecuritySignal signal = assertInstanceOf(
                    SecuritySignal.class,
                    event(kafka.awaitRecord(
                                    Topics.SECURITY, record -> record.key().equals(key), TIMEOUT))
                            .data());
            assertEquals(SecuritySignal.SignalKind.SECURITY_EVENT, signal.kind());
            assertEquals("4624", signal.name());
            kafka.awaitRecord(DLQ, deadLetter("record 3: EventID is not a number: logon"), TIMEOUT);
            kafka.awaitRecord(
                    DLQ,
                    deadLetter("record 4: no Type column to tell its table, and this hub carries several"),
                    TIMEOUT);
        }
        assertEquals(
                1.0,
                meters.counter(EventHubRecords.SKIPPED_METRIC, "hub", "coverwatch-export", "kind", "table Syslog")
                        .count());
    }

    @Test
    void aDefenderAlertFromContinuousExportLandsOnTheSecurityTopic() throws Exception {
        ObjectNode alert = AzureSamples.body("security/alerts_get_subscription_location.json");
        ((ObjectNode) alert.path("properties").path("resourceIdentifiers").get(0)).put("azureResourceId", PROD_WEB_01);
        ObjectNode withoutTime = alert.deepCopy();
        ((ObjectNode) withoutTime.path("properties")).remove(List.of("timeGeneratedUtc", "startTimeUtc"));
        ObjectNode subAssessment = AzureSamples.body("security/subassessments_get_unhealthy.json");
        String body = "{\"records\": [" + alert + "," + withoutTime + "," + subAssessment + "]}";

        records.continuousExport("defender-export", body, Instant.parse("2026-11-23T12:00:00Z"));

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            ConsumerRecord<String, byte[]> published = kafka.awaitRecord(
                    Topics.SECURITY, record -> record.key().equals(AzureResource.normalizeId(PROD_WEB_01)), TIMEOUT);
            CloudEvent<CoverwatchEvent> event = event(published);
            assertEquals("coverwatch.inventory.security.signal", event.type());
            assertEquals("/coverwatch/inventory-service/event-hubs", event.source());
            assertEquals(
                    new SecuritySignal(
                            "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a",
                            PROD_WEB_01,
                            SecuritySignal.SignalKind.DEFENDER_ALERT,
                            "VM_EICAR",
                            "High",
                            Instant.parse("2020-02-23T13:47:58Z")),
                    event.data());
            ConsumerRecord<String, byte[]> unreadable = kafka.awaitRecord(
                    DLQ,
                    deadLetter("record 1: properties.timeGeneratedUtc or properties.startTimeUtc is required"),
                    TIMEOUT);
            assertEquals(
                    "defender-export",
                    KafkaProbe.header(unreadable, "event-hub").orElseThrow());
            assertEquals(withoutTime.toString(), new String(unreadable.value()));
        }
        assertEquals(
                1.0,
                meters.counter(EventHubRecords.SKIPPED_METRIC, "hub", "defender-export", "kind", "sub_assessment")
                        .count());
    }

    @Test
    void theSecurityTopicHasAsManyPartitionsAsHeartbeats() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.HEARTBEATS, Topics.SECURITY))
                    .allTopicNames()
                    .get();
            assertEquals(
                    topics.get(Topics.HEARTBEATS).partitions().size(),
                    topics.get(Topics.SECURITY).partitions().size());
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
