package io.coverwatch.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the Log Analytics {@code Heartbeat} table: an agent on a machine said it is alive.
 *
 * @param resourceId    the machine's ARM ID ({@code _ResourceId})
 * @param category      {@code Azure Monitor Agent}, or {@code Direct Agent} for the legacy Log Analytics agent (MMA)
 * @param timeGenerated when the agent sent the heartbeat
 * @param remoteIpCountry the country the agent's public IP is in ({@code RemoteIPCountry}); null when unknown
 */
public record AgentHeartbeat(
        String resourceId,
        String computer,
        String category,
        String osType,
        String version,
        String computerIp,
        Instant timeGenerated,
        String remoteIpCountry)
        implements ResourceKeyed {

    public static final String AZURE_MONITOR_AGENT = "Azure Monitor Agent";
    public static final String LEGACY_DIRECT_AGENT = "Direct Agent";

    public AgentHeartbeat {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(timeGenerated, "timeGenerated");
    }
}
