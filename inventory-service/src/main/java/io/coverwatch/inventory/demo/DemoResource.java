package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AzureResource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One resource of the demo estate with what only the demo knows: the state of the agents on a machine, and what
 * Defender for Cloud says about the resource. Immutable; the live estate replaces it whole.
 *
 * @param amaHeartbeat            whether the Azure Monitor Agent runs (it also needs its extension, succeeded)
 * @param legacyAgentHeartbeat    whether the legacy Log Analytics agent (MMA/OMS) runs, where its extension is present
 * @param lastHeartbeatAgo        for a stopped Azure Monitor Agent: how long ago it sent its last heartbeat; null if
 *                                never
 * @param defenderRecommendations Defender's recommendations on the resource, exported once at startup
 * @param defenderAlerts          Defender's alerts on a machine, exported once at startup
 */
public record DemoResource(
        AzureResource resource,
        AgentState amaHeartbeat,
        AgentState legacyAgentHeartbeat,
        Duration lastHeartbeatAgo,
        List<DemoRecommendation> defenderRecommendations,
        List<DemoAlert> defenderAlerts) {

    public DemoResource {
        Objects.requireNonNull(resource, "resource");
        amaHeartbeat = amaHeartbeat == null ? AgentState.RUNNING : amaHeartbeat;
        legacyAgentHeartbeat = legacyAgentHeartbeat == null ? AgentState.RUNNING : legacyAgentHeartbeat;
        defenderRecommendations = defenderRecommendations == null ? List.of() : List.copyOf(defenderRecommendations);
        defenderAlerts = defenderAlerts == null ? List.of() : List.copyOf(defenderAlerts);
    }

    /** A resource whose agents, if any, run, and on which Defender has nothing to say. */
    public static DemoResource of(AzureResource resource) {
        return new DemoResource(resource, AgentState.RUNNING, AgentState.RUNNING, null, List.of(), List.of());
    }

    public String id() {
        return resource.id();
    }

    public DemoResource withResource(AzureResource changed) {
        return new DemoResource(
                changed, amaHeartbeat, legacyAgentHeartbeat, lastHeartbeatAgo, defenderRecommendations, defenderAlerts);
    }

    public DemoResource withAmaHeartbeat(AgentState state) {
        return new DemoResource(
                resource, state, legacyAgentHeartbeat, lastHeartbeatAgo, defenderRecommendations, defenderAlerts);
    }

    public DemoResource withLegacyAgentHeartbeat(AgentState state) {
        return new DemoResource(
                resource, amaHeartbeat, state, lastHeartbeatAgo, defenderRecommendations, defenderAlerts);
    }

    /** The Azure Monitor Agent runs again: it has no "last heartbeat" any more. */
    public DemoResource withAmaRunning() {
        return new DemoResource(
                resource, AgentState.RUNNING, legacyAgentHeartbeat, null, defenderRecommendations, defenderAlerts);
    }
}
