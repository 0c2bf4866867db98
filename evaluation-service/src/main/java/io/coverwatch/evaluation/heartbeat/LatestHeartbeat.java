package io.coverwatch.evaluation.heartbeat;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The newest heartbeat per agent of one machine within a batch: a batch of thousands of heartbeats becomes one row
 * per machine, so the database sees one write per machine per batch, not one per heartbeat.
 *
 * @param lastAzureMonitorAgent null when the batch held no {@code Azure Monitor Agent} heartbeat for the machine
 * @param lastLegacyAgent       null when it held no {@code Direct Agent} (MMA) heartbeat
 */
public record LatestHeartbeat(
        String resourceKey,
        String resourceId,
        String computer,
        String country,
        Instant lastAzureMonitorAgent,
        Instant lastLegacyAgent) {

    /** Coalesces heartbeats per machine; other categories (for example SCOM agents) count for neither agent. */
    public static Collection<LatestHeartbeat> coalesce(Collection<AgentHeartbeat> heartbeats) {
        Map<String, LatestHeartbeat> latest = new HashMap<>();
        for (AgentHeartbeat heartbeat : heartbeats) {
            LatestHeartbeat one = of(heartbeat);
            latest.merge(one.resourceKey(), one, LatestHeartbeat::newest);
        }
        return latest.values();
    }

    private static LatestHeartbeat of(AgentHeartbeat heartbeat) {
        String category = heartbeat.category();
        Instant time = heartbeat.timeGenerated();
        return new LatestHeartbeat(
                AzureResource.normalizeId(heartbeat.resourceId()),
                heartbeat.resourceId(),
                heartbeat.computer(),
                heartbeat.remoteIpCountry(),
                AgentHeartbeat.AZURE_MONITOR_AGENT.equalsIgnoreCase(category) ? time : null,
                AgentHeartbeat.LEGACY_DIRECT_AGENT.equalsIgnoreCase(category) ? time : null);
    }

    /** The two merged: each agent's newest time, and the description of the newer heartbeat. */
    LatestHeartbeat newest(LatestHeartbeat other) {
        boolean otherIsNewer = latestOf(other.lastAzureMonitorAgent, other.lastLegacyAgent)
                .isAfter(latestOf(lastAzureMonitorAgent, lastLegacyAgent));
        LatestHeartbeat descriptive = otherIsNewer ? other : this;
        return new LatestHeartbeat(
                resourceKey,
                descriptive.resourceId,
                descriptive.computer == null ? (otherIsNewer ? computer : other.computer) : descriptive.computer,
                descriptive.country == null ? (otherIsNewer ? country : other.country) : descriptive.country,
                later(lastAzureMonitorAgent, other.lastAzureMonitorAgent),
                later(lastLegacyAgent, other.lastLegacyAgent));
    }

    /**
     * The same heartbeat, with each string that {@code earlier} has equal taken from {@code earlier}: a machine's
     * strings rarely change between its heartbeats, so a heartbeat kept for seconds can share an earlier one's and leave
     * its own to die young.
     */
    LatestHeartbeat sharingStringsOf(LatestHeartbeat earlier) {
        if (earlier == null) {
            return this;
        }
        return new LatestHeartbeat(
                same(resourceKey, earlier.resourceKey),
                same(resourceId, earlier.resourceId),
                same(computer, earlier.computer),
                same(country, earlier.country),
                lastAzureMonitorAgent,
                lastLegacyAgent);
    }

    private static String same(String value, String earlier) {
        return Objects.equals(value, earlier) ? earlier : value;
    }

    private static Instant latestOf(Instant a, Instant b) {
        Instant later = later(a, b);
        return later == null ? Instant.MIN : later;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
