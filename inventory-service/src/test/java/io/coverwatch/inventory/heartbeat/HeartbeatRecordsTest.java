package io.coverwatch.inventory.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.inventory.heartbeat.HeartbeatRecords.RecordError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String DEV_TEST_03 = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/"
            + "dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> records(String json) throws Exception {
        return HeartbeatRecords.records(JSON.readTree(json));
    }

    @Test
    void readsDevTest03sAmaHeartbeatFromFourHoursAgoIgnoringColumnsItDoesNotUse() throws Exception {
        HeartbeatRecords.Batch batch = HeartbeatRecords.read(
                records(
                        """
                [{"TimeGenerated": "2026-11-23T08:00:00Z", "Computer": "dev-test-03",
                  "Category": "Azure Monitor Agent", "OSType": "Linux", "Version": "1.33.2",
                  "ComputerIP": "20.50.1.7", "RemoteIPCountry": "Netherlands", "Solutions": "",
                  "_ResourceId": "%s"}]
                """
                                .formatted(DEV_TEST_03)),
                NOW,
                SKEW);

        assertEquals(List.of(), batch.errors());
        assertEquals(
                List.of(new AgentHeartbeat(
                        DEV_TEST_03,
                        "dev-test-03",
                        "Azure Monitor Agent",
                        "Linux",
                        "1.33.2",
                        "20.50.1.7",
                        Instant.parse("2026-11-23T08:00:00Z"),
                        "Netherlands")),
                batch.heartbeats());
    }

    @Test
    void acceptsTheDataExportEnvelopeAndTheLegacyResourceIdColumn() throws Exception {
        HeartbeatRecords.Batch batch = HeartbeatRecords.read(
                records(
                        """
                {"records": [{"TimeGenerated": "2026-11-23T11:59:00Z", "Category": "Direct Agent",
                              "ResourceId": "%s"}]}
                """
                                .formatted(DEV_TEST_03)),
                NOW,
                SKEW);

        assertEquals(1, batch.heartbeats().size());
        assertEquals(
                AgentHeartbeat.LEGACY_DIRECT_AGENT, batch.heartbeats().get(0).category());
    }

    @Test
    void namesEveryBadRecordByIndexAndFieldBesideTheGoodOnes() throws Exception {
        HeartbeatRecords.Batch batch = HeartbeatRecords.read(
                records(
                        """
                [{"TimeGenerated": "2026-11-23T11:59:00Z", "Category": "Azure Monitor Agent", "_ResourceId": "%s"},
                 {"TimeGenerated": "yesterday", "Category": "Azure Monitor Agent", "_ResourceId": "dev-test-03"},
                 {"TimeGenerated": "2026-11-23T13:00:00Z", "_ResourceId": "%s"},
                 42]
                """
                                .formatted(DEV_TEST_03, DEV_TEST_03)),
                NOW,
                SKEW);

        assertEquals(1, batch.heartbeats().size(), "record 0 is good");
        assertEquals(
                List.of(
                        new RecordError(1, "_ResourceId", "is not an ARM resource ID"),
                        new RecordError(1, "TimeGenerated", "is not an ISO-8601 UTC timestamp: yesterday"),
                        new RecordError(2, "Category", "is required"),
                        new RecordError(
                                2,
                                "TimeGenerated",
                                "is in the future (2026-11-23T13:00:00Z, received at 2026-11-23T12:00:00Z)"),
                        new RecordError(3, null, "is not a JSON object")),
                batch.errors());
    }

    @Test
    void aHeartbeatWithinTheClockSkewIsNotInTheFuture() throws Exception {
        HeartbeatRecords.Batch batch = HeartbeatRecords.read(
                records(
                        """
                [{"TimeGenerated": "2026-11-23T12:04:59Z", "Category": "Azure Monitor Agent", "_ResourceId": "%s"}]
                """
                                .formatted(DEV_TEST_03)),
                NOW,
                SKEW);

        assertTrue(batch.errors().isEmpty(), batch.errors().toString());
    }

    @Test
    void aBodyThatIsNeitherAnArrayNorTheEnvelopeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> records("{\"TimeGenerated\": \"2026-11-23T12:00:00Z\"}"));
    }

    @Test
    void theSameHeartbeatDeliveredTwiceHasOneId() {
        AgentHeartbeat heartbeat = new AgentHeartbeat(
                DEV_TEST_03, "dev-test-03", "Azure Monitor Agent", "Linux", "1.33.2", null, NOW, null);
        AgentHeartbeat again = new AgentHeartbeat(
                DEV_TEST_03.toUpperCase(),
                "dev-test-03",
                "Azure Monitor Agent",
                "Linux",
                "1.33.2",
                "1.2.3.4",
                NOW,
                "GB");
        AgentHeartbeat aMinuteLater = new AgentHeartbeat(
                DEV_TEST_03, "dev-test-03", "Azure Monitor Agent", "Linux", "1.33.2", null, NOW.plusSeconds(60), null);

        assertEquals(HeartbeatPublisher.idOf(heartbeat), HeartbeatPublisher.idOf(again));
        assertTrue(!HeartbeatPublisher.idOf(heartbeat).equals(HeartbeatPublisher.idOf(aMinuteLater)));
    }

    private static HeartbeatRecords.Batch stream(String json, int maxRecords) throws Exception {
        return HeartbeatRecords.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), NOW, SKEW, maxRecords);
    }

    @Test
    void theStreamReadsABatchAsTheTreeDoes() throws Exception {
        String batch =
                """
                {"TenantId": "t", "records": [
                 {"TimeGenerated": "2026-11-23T08:00:00Z", "Computer": "dev-test-03", "Category": "Azure Monitor Agent",
                  "OSType": "Linux", "Version": "1.33.2", "ComputerIP": null, "RemoteIPCountry": "Netherlands",
                  "Solutions": {"nested": [1, 2]}, "_ResourceId": "%s"},
                 {"TimeGenerated": "yesterday", "Category": "Azure Monitor Agent", "_ResourceId": "dev-test-03"},
                 {"TimeGenerated": "2026-11-23T13:00:00Z", "Category": " ", "ResourceId": "%s"},
                 {"TimeGenerated": "2026-11-23T11:59:00Z", "Category": ["Direct Agent"], "ResourceId": "%s"},
                 42, [1]]}
                """
                        .formatted(DEV_TEST_03, DEV_TEST_03, DEV_TEST_03);

        HeartbeatRecords.Batch streamed = stream(batch, 10_000);
        HeartbeatRecords.Batch tree = HeartbeatRecords.read(records(batch), NOW, SKEW);

        assertEquals(tree, streamed);
        assertEquals(1, streamed.heartbeats().size(), "only dev-test-03's AMA heartbeat from 08:00 is good");
        assertEquals(6, streamed.records());
    }

    @Test
    void theStreamCountsRecordsPastTheLimitWithoutReadingThem() throws Exception {
        String heartbeat =
                """
                {"TimeGenerated": "2026-11-23T11:59:00Z", "Category": "Azure Monitor Agent", "_ResourceId": "%s"}"""
                        .formatted(DEV_TEST_03);
        HeartbeatRecords.Batch batch = stream("[" + heartbeat + "," + heartbeat + ", 42, {\"x\": [1]}]", 2);

        assertEquals(4, batch.records());
        assertEquals(2, batch.heartbeats().size());
        assertEquals(List.of(), batch.errors(), "records past the limit are not checked");
    }

    @Test
    void aStreamThatIsNotABatchIsRefusedAndOneThatIsNotJsonIsUnreadable() {
        assertThrows(IllegalArgumentException.class, () -> stream("{\"TimeGenerated\": \"2026-11-23T12:00:00Z\"}", 10));
        assertThrows(IllegalArgumentException.class, () -> stream("{\"records\": 42}", 10));
        assertThrows(IllegalArgumentException.class, () -> stream("", 10));
        assertThrows(JsonProcessingException.class, () -> stream("[{\"Computer\": \"dev-test-03\"", 10));
        assertThrows(JsonProcessingException.class, () -> stream("[42, ", 10));
    }

    @Test
    void aColumnPastItsWidthOrWithAControlCharacterRefusesItsRecord() throws Exception {
        String json =
                """
                [{"TimeGenerated": "2026-11-23T11:59:00Z", "Category": "Azure Monitor Agent", "_ResourceId": "%s"},
                 {"TimeGenerated": "2026-11-23T11:59:00Z", "Category": "Azure Monitor Agent", "_ResourceId": "%s",
                  "Computer": "dev-test-03\\u0000"}]
                """
                        .formatted(DEV_TEST_03 + "/" + "x".repeat(900 * 1024), DEV_TEST_03);

        HeartbeatRecords.Batch batch = stream(json, 10);

        assertEquals(List.of(), batch.heartbeats());
        assertEquals(
                List.of(
                        new RecordError(0, "_ResourceId", "is longer than 1024 characters"),
                        new RecordError(1, "Computer", "must not contain NUL or other control characters")),
                batch.errors());
    }

    @Test
    void anythingAfterTheBatchRefusesIt() {
        assertThrows(IllegalArgumentException.class, () -> stream("[] {\"trailing\": true}", 10));
        assertThrows(IllegalArgumentException.class, () -> stream("{\"records\": []} []", 10));
    }
}
