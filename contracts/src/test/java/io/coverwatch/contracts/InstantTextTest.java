package io.coverwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void readsEveryInstantAsInstantParseDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(
                    Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(Instant.parse(text), InstantText.parse(text), text);
        }
    }

    @Test
    void theSeedsHeartbeatTimesAndOtherSpellingsReadAsInstantParseReadsThem() {
        for (String text : List.of(
                "2026-11-24T10:00:00Z",
                "2026-11-24T06:00:00.5Z",
                "2026-11-24T06:00:00.12Z",
                "2024-02-29T23:59:59.999999999Z",
                "2026-11-24T11:00:00+01:00",
                "2026-11-24T10:00:00z",
                "2026-11-24T10:00:00.Z",
                "+10000-01-01T00:00:00Z")) {
            assertEquals(Instant.parse(text), InstantText.parse(text), text);
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : List.of(
                "2026-02-30T10:00:00Z",
                "2026-11-24T25:00:00Z",
                "2026-11-24T10:00:00.1234567890Z",
                "2026-11-24 10:00:00Z",
                "4 hours ago",
                "")) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(text), text);
            assertThrows(DateTimeParseException.class, () -> InstantText.parse(text), text);
        }
    }

    @Test
    void contractRecordsReadTheirTimesThroughIt() throws Exception {
        String json = "{\"resourceId\":\"/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/dev-rg"
                + "/providers/Microsoft.Compute/virtualMachines/dev-test-03\",\"computer\":\"dev-test-03\","
                + "\"category\":\"Azure Monitor Agent\",\"timeGenerated\":\"2026-11-24T06:00:00.123Z\"}";
        AgentHeartbeat heartbeat = ContractsJson.fromJson(json, AgentHeartbeat.class);
        assertEquals(Instant.parse("2026-11-24T06:00:00.123Z"), heartbeat.timeGenerated());

        AgentHeartbeat withOffset =
                ContractsJson.fromJson(json.replace("06:00:00.123Z", "07:00:00.123+01:00"), AgentHeartbeat.class);
        assertEquals(Instant.parse("2026-11-24T06:00:00.123Z"), withOffset.timeGenerated());

        AgentHeartbeat epochSeconds = ContractsJson.fromJson(
                json.replace("\"2026-11-24T06:00:00.123Z\"", "1795500000"), AgentHeartbeat.class);
        assertEquals(Instant.ofEpochSecond(1_795_500_000L), epochSeconds.timeGenerated());
    }
}
