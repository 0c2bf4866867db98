package io.coverwatch.inventory.eventhubs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.inventory.eventhubs.ActivityLogRecords.Change;
import io.coverwatch.inventory.eventhubs.ActivityLogRecords.ResourceChange;
import io.coverwatch.inventory.eventhubs.ActivityLogRecords.Unreadable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityLogRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of(System.getProperty("coverwatch.repo.root", ".."))
            .resolve("../shared/azure-samples/activitylog/activitylog_eventhub_records_sample.json");
    private static final String PROD_WEB_01 = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
            + "prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";

    @Test
    void theOfficialSampleIsASuccessfulWriteOfItsResource() throws Exception {
        ActivityLogRecords.Decoded decoded = ActivityLogRecords.decode(JSON.readTree(Files.readString(SAMPLES)));

        assertEquals(
                List.of(new ResourceChange(
                        "/subscriptions/s1/resourceGroups/MSSupportGroup/providers/microsoft.support/supporttickets/"
                                + "123456112305841",
                        Change.WRITTEN,
                        Instant.parse("2019-01-21T22:14:26.9792776Z"))),
                decoded.changes());
        assertEquals(List.of(), decoded.unreadable());
    }

    @Test
    void anExtensionRemovedFromProdWeb01IsAChangeOfThatExtensionAndFailedOrReadOperationsAreNot() throws Exception {
        JsonNode event = JSON.readTree(
                """
                {"records": [
                  {"time": "2026-11-23T08:00:00Z", "resourceId": "%1$s/extensions/AzureMonitorWindowsAgent",
                   "operationName": "MICROSOFT.COMPUTE/VIRTUALMACHINES/EXTENSIONS/DELETE", "resultType": "Success"},
                  {"time": "2026-11-23T08:00:01Z", "resourceId": "%1$s",
                   "operationName": "Microsoft.Compute/virtualMachines/write", "resultType": "Failure"},
                  {"time": "2026-11-23T08:00:02Z", "resourceId": "%1$s",
                   "operationName": "Microsoft.Compute/virtualMachines/read", "resultType": "Success"},
                  {"time": "2026-11-23T08:00:03Z", "resourceId": "%1$s",
                   "operationName": "Microsoft.Compute/virtualMachines/write", "resultType": "Start"}
                ]}"""
                        .formatted(PROD_WEB_01));

        assertEquals(
                List.of(new ResourceChange(
                        PROD_WEB_01 + "/extensions/AzureMonitorWindowsAgent",
                        Change.DELETED,
                        Instant.parse("2026-11-23T08:00:00Z"))),
                ActivityLogRecords.decode(event).changes());
    }

    @Test
    void unreadableRecordsAreNamedAndTheRestGoOn() throws Exception {
        JsonNode event = JSON.readTree(
                """
                {"records": [
                  {"time": "yesterday", "resourceId": "%1$s", "operationName": "x/write", "resultType": "Success"},
                  {"time": "2026-11-23T08:00:00Z", "resourceId": "prod-web-01", "operationName": "x/write",
                   "resultType": "Success"},
                  {"time": "2026-11-23T08:00:00Z", "resourceId": "%1$s", "operationName": "x/write",
                   "resultType": "Success"}
                ]}"""
                        .formatted(PROD_WEB_01));

        ActivityLogRecords.Decoded decoded = ActivityLogRecords.decode(event);

        assertEquals(1, decoded.changes().size());
        assertEquals(
                List.of(
                        new Unreadable(0, "time is not an ISO-8601 timestamp"),
                        new Unreadable(1, "resourceId is not an ARM resource ID: 'prod-web-01'")),
                decoded.unreadable());
        assertEquals(
                List.of(new Unreadable(-1, "no \"records\" array")),
                ActivityLogRecords.decode(JSON.readTree("[]")).unreadable());
    }
}
