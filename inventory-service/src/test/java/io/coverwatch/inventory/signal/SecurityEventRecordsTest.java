package io.coverwatch.inventory.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.SecuritySignal.SignalKind;
import io.coverwatch.inventory.signal.SecurityEventRecords.RowError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityEventRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROD_DB_01 = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
            + "prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";

    private static List<JsonNode> rows(String json) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(json).forEach(rows::add);
        return rows;
    }

    @Test
    void aLogonOnProdDb01IsASecurityEventSignalIgnoringColumnsItDoesNotUse() throws Exception {
        SecurityEventRecords.Batch batch = SecurityEventRecords.read(rows(
                """
                [{"TimeGenerated": "2026-11-23T11:58:00.1234567Z", "EventID": 4624, "Computer": "prod-db-01",
                  "Activity": "4624 - An account was successfully logged on.", "Account": "PROD\\\\svc-sql",
                  "Type": "SecurityEvent", "_ResourceId": "%s"}]"""
                        .formatted(PROD_DB_01)));

        assertEquals(List.of(), batch.errors());
        Instant time = Instant.parse("2026-11-23T11:58:00.1234567Z");
        assertEquals(
                List.of(new SecuritySignal(
                        SecurityEventRecords.signalId(PROD_DB_01, time, "4624", "prod-db-01"),
                        PROD_DB_01,
                        SignalKind.SECURITY_EVENT,
                        "4624",
                        null,
                        time)),
                batch.signals());
    }

    @Test
    void theSameRowDeliveredTwiceIsOneSignalAndAnotherEventIsAnother() throws Exception {
        String row =
                """
                {"TimeGenerated": "2026-11-23T11:58:00Z", "EventID": %d, "Computer": "prod-db-01", "_ResourceId": "%s"}
                """;
        List<SecuritySignal> signals = SecurityEventRecords.read(rows("[" + row.formatted(4625, PROD_DB_01) + ","
                        + row.formatted(4625, PROD_DB_01.toLowerCase()) + ","
                        + row.formatted(4624, PROD_DB_01) + "]"))
                .signals();

        assertEquals(signals.get(0).signalId(), signals.get(1).signalId());
        assertNotEquals(signals.get(0).signalId(), signals.get(2).signalId());
    }

    @Test
    void eachBadRowIsNamedBesideTheGoodOnes() throws Exception {
        SecurityEventRecords.Batch batch = SecurityEventRecords.read(rows(
                """
                [{"TimeGenerated": "2026-11-23T11:58:00Z", "EventID": 4624, "_ResourceId": "%1$s"},
                 {"TimeGenerated": "2026-11-23T11:58:00Z", "EventID": 4624, "_ResourceId": "prod-db-01"},
                 {"TimeGenerated": "yesterday", "EventID": 4624, "_ResourceId": "%1$s"},
                 {"TimeGenerated": "2026-11-23T11:58:00Z", "EventID": "logon", "_ResourceId": "%1$s"},
                 {"TimeGenerated": "2026-11-23T11:58:00Z", "_ResourceId": "%1$s"},
                 42]"""
                        .formatted(PROD_DB_01)));

        assertEquals(1, batch.signals().size());
        assertEquals(
                List.of(
                        new RowError(1, "_ResourceId is not an ARM resource ID: 'prod-db-01'"),
                        new RowError(2, "TimeGenerated is not an ISO-8601 UTC timestamp: yesterday"),
                        new RowError(3, "EventID is not a number: logon"),
                        new RowError(4, "EventID is required"),
                        new RowError(5, "is not a JSON object")),
                batch.errors());
    }
}
