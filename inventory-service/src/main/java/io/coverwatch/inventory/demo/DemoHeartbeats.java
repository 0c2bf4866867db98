package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.VmExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The heartbeats a demo machine sends, as rows of the Log Analytics Heartbeat table. */
final class DemoHeartbeats {

    private DemoHeartbeats() {}

    /**
     * What the machine sends now: one heartbeat per running agent, when the machine runs (VM running, Arc machine
     * connected) and the agent's extension is present and succeeded.
     */
    static List<AgentHeartbeat> at(DemoResource demo, Instant now) {
        AzureResource resource = demo.resource();
        if (!Machines.isMachine(resource) || !Machines.isRunning(resource)) {
            return List.of();
        }
        List<AgentHeartbeat> heartbeats = new ArrayList<>(2);
        sendingAma(demo)
                .ifPresent(ama -> heartbeats.add(heartbeat(resource, AgentHeartbeat.AZURE_MONITOR_AGENT, ama, now)));
        VmExtension legacy = Machines.succeeded(resource, Machines.LEGACY_AGENT_PUBLISHER, Machines.LEGACY_AGENT_TYPES);
        if (demo.legacyAgentHeartbeat() == AgentState.RUNNING && legacy != null) {
            heartbeats.add(heartbeat(resource, AgentHeartbeat.LEGACY_DIRECT_AGENT, legacy, now));
        }
        return heartbeats;
    }

    /** The Azure Monitor Agent extension of a running machine whose agent runs and succeeded: it is sending. */
    static Optional<VmExtension> sendingAma(DemoResource demo) {
        AzureResource resource = demo.resource();
        if (!Machines.isMachine(resource)
                || !Machines.isRunning(resource)
                || demo.amaHeartbeat() != AgentState.RUNNING) {
            return Optional.empty();
        }
        return Optional.ofNullable(Machines.succeeded(resource, Machines.AMA_PUBLISHER, Machines.AMA_TYPES));
    }

    /** The last heartbeat of an Azure Monitor Agent that stopped {@link DemoResource#lastHeartbeatAgo()} ago. */
    static Optional<AgentHeartbeat> last(DemoResource demo, Instant now) {
        if (demo.lastHeartbeatAgo() == null) {
            return Optional.empty();
        }
        VmExtension ama = Machines.extensions(demo.resource()).stream()
                .filter(Machines::isAzureMonitorAgent)
                .findFirst()
                .orElse(null);
        return Optional.of(heartbeat(
                demo.resource(), AgentHeartbeat.AZURE_MONITOR_AGENT, ama, now.minus(demo.lastHeartbeatAgo())));
    }

    private static AgentHeartbeat heartbeat(AzureResource resource, String category, VmExtension agent, Instant at) {
        return new AgentHeartbeat(
                resource.id(),
                resource.name(),
                category,
                Machines.osType(resource),
                agent == null ? null : agent.typeHandlerVersion(),
                ipOf(resource),
                at,
                "GB");
    }

    /** A private address that stays the same for a machine. */
    private static String ipOf(AzureResource resource) {
        int hash = AzureResource.normalizeId(resource.id()).hashCode();
        return "10." + ((hash >>> 16) & 0xff) + "." + ((hash >>> 8) & 0xff) + "." + Math.max(4, hash & 0xff);
    }
}
