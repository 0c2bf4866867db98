package io.coverwatch.evaluation.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.coverwatch.contracts.AgentHeartbeat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The newest heartbeat of a machine, as the intake holds it. */
class LatestHeartbeatTest {

    private static final String PROD_DB_01 =
            "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/prod-rg/"
                    + "providers/Microsoft.Compute/virtualMachines/prod-db-01";
    private static final Instant EIGHT = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void aBatchKeepsEachAgentsNewestTimeAndTheNewestHeartbeatsDescription() {
        LatestHeartbeat latest = single(List.of(
                ama("prod-db-01", "Netherlands", EIGHT.plusSeconds(60)),
                ama("prod-db-01-renamed", "Netherlands", EIGHT),
                new AgentHeartbeat(
                        PROD_DB_01,
                        "prod-db-01",
                        AgentHeartbeat.LEGACY_DIRECT_AGENT,
                        "Linux",
                        "10.20.0",
                        "10.0.0.4",
                        EIGHT.plusSeconds(30),
                        "Netherlands")));

        assertEquals(EIGHT.plusSeconds(60), latest.lastAzureMonitorAgent());
        assertEquals(EIGHT.plusSeconds(30), latest.lastLegacyAgent());
        assertEquals("prod-db-01", latest.computer());
    }

    /**
     * A heartbeat held in memory lives for seconds; its strings, decoded anew with every heartbeat, are what the
     * collector copied and promoted until the held one shared its machine's earlier strings.
     */
    @Test
    void aHeldHeartbeatSharesItsMachinesEarlierStringsButNotARenamedOne() {
        LatestHeartbeat earlier = single(List.of(ama("prod-db-01", "Netherlands", EIGHT)));
        LatestHeartbeat same = single(List.of(ama(new String("prod-db-01"), new String("Netherlands"), EIGHT)));
        LatestHeartbeat renamed = single(List.of(ama("prod-db-01-renamed", new String("Netherlands"), EIGHT)));

        LatestHeartbeat held = same.sharingStringsOf(earlier);
        LatestHeartbeat heldRenamed = renamed.sharingStringsOf(earlier);

        assertEquals(same, held);
        assertSame(earlier.resourceKey(), held.resourceKey());
        assertSame(earlier.resourceId(), held.resourceId());
        assertSame(earlier.computer(), held.computer());
        assertSame(earlier.country(), held.country());
        assertEquals(renamed, heldRenamed);
        assertNotSame(earlier.computer(), heldRenamed.computer());
        assertSame(earlier.country(), heldRenamed.country());
        assertSame(same, same.sharingStringsOf(null), "a machine's first heartbeat has nothing to share");
    }

    private static AgentHeartbeat ama(String computer, String country, Instant time) {
        return new AgentHeartbeat(
                new String(PROD_DB_01),
                computer,
                AgentHeartbeat.AZURE_MONITOR_AGENT,
                "Linux",
                "1.28.4",
                "10.0.0.4",
                time,
                country);
    }

    private static LatestHeartbeat single(List<AgentHeartbeat> heartbeats) {
        return LatestHeartbeat.coalesce(heartbeats).iterator().next();
    }
}
