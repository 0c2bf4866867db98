package io.coverwatch.evaluation.rules;

import java.time.Instant;

/**
 * A machine's last heartbeat per agent, from the Heartbeat table's {@code Category}.
 *
 * @param lastAzureMonitorAgent the last {@code Azure Monitor Agent} heartbeat; null when none was ever received
 * @param lastLegacyAgent       the last {@code Direct Agent} (legacy Log Analytics agent, MMA) heartbeat; null when none
 * @param country               {@code RemoteIPCountry} of the latest heartbeat; null when unknown
 */
public record AgentActivity(Instant lastAzureMonitorAgent, Instant lastLegacyAgent, String country) {

    public static final AgentActivity NONE = new AgentActivity(null, null, null);
}
