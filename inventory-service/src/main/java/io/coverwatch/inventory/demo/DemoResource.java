package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AzureResource;
import java.time.Duration;
import java.util.Objects;

/**
 * One resource of the demo estate with what only the demo knows: the state of the agents on a machine. Immutable; the
 * live estate replaces it whole.
 *
 * @param amaHeartbeat         whether the Azure Monitor Agent runs (it also needs its extension, succeeded)
 * @param legacyAgentHeartbeat whether the legacy Log Analytics agent (MMA/OMS) runs, where its extension is present
 * @param lastHeartbeatAgo     for a stopped Azure Monitor Agent: how long ago it sent its last heartbeat; null if never
 */
public record DemoResource(
        AzureResource resource, AgentState amaHeartbeat, AgentState legacyAgentHeartbeat, Duration lastHeartbeatAgo) {

    public DemoResource {
        Objects.requireNonNull(resource, "resource");
        amaHeartbeat = amaHeartbeat == null ? AgentState.RUNNING : amaHeartbeat;
        legacyAgentHeartbeat = legacyAgentHeartbeat == null ? AgentState.RUNNING : legacyAgentHeartbeat;
    }

    /** A resource whose agents, if any, run. */
    public static DemoResource of(AzureResource resource) {
        return new DemoResource(resource, AgentState.RUNNING, AgentState.RUNNING, null);
    }

    public String id() {
        return resource.id();
    }

    public DemoResource withResource(AzureResource changed) {
        return new DemoResource(changed, amaHeartbeat, legacyAgentHeartbeat, lastHeartbeatAgo);
    }

    public DemoResource withAmaHeartbeat(AgentState state) {
        return new DemoResource(resource, state, legacyAgentHeartbeat, lastHeartbeatAgo);
    }

    public DemoResource withLegacyAgentHeartbeat(AgentState state) {
        return new DemoResource(resource, amaHeartbeat, state, lastHeartbeatAgo);
    }
}
