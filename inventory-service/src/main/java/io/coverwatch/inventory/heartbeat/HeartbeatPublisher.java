package io.coverwatch.inventory.heartbeat;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.broker.DirectPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Publishes heartbeats as they come, keyed by machine. They carry no state inventory must keep, so they skip the
 * outbox; instead a caller returns only once the broker has acknowledged every heartbeat ({@link DirectPublisher}).
 */
@ApplicationScoped
public class HeartbeatPublisher {

    private final DirectPublisher direct;
    private final InventoryConfig config;

    HeartbeatPublisher(DirectPublisher direct, InventoryConfig config) {
        this.direct = direct;
        this.config = config;
    }

    /**
     * Sends the heartbeats and waits for the broker's acknowledgement of all of them.
     *
     * @param origin where they came from: api, demo or event-hubs
     */
    public void publish(List<AgentHeartbeat> heartbeats, String origin) {
        String source = config.eventSource() + "/" + origin;
        List<CloudEvent<AgentHeartbeat>> events = heartbeats.stream()
                .map(heartbeat -> new CloudEvent<>(idOf(heartbeat), source, heartbeat.timeGenerated(), heartbeat))
                .toList();
        direct.publish(events, config.heartbeats().sendTimeout(), "heartbeats");
    }

    /**
     * The same agent on the same machine at the same {@code TimeGenerated} is one heartbeat, whichever way it arrives:
     * Log Analytics data export may deliver a record twice, and consumers deduplicate by this ID.
     */
    static String idOf(AgentHeartbeat heartbeat) {
        String identity = AzureResource.normalizeId(heartbeat.resourceId()) + "|" + heartbeat.category() + "|"
                + heartbeat.timeGenerated();
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
