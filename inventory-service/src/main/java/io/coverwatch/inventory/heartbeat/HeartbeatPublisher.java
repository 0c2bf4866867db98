package io.coverwatch.inventory.heartbeat;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.messaging.KafkaMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes heartbeats as they come, keyed by machine, through the batching {@code heartbeats} channel. They carry no
 * state inventory must keep, so they skip the outbox; instead a caller returns only once the broker has acknowledged
 * every heartbeat, so nothing accepted is lost.
 */
@ApplicationScoped
public class HeartbeatPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final InventoryConfig config;

    HeartbeatPublisher(
            @Channel("heartbeats") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter,
            InventoryConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Sends the heartbeats and waits for the broker's acknowledgement of all of them.
     *
     * @param origin where they came from: api, demo or event-hubs
     */
    public void publish(List<AgentHeartbeat> heartbeats, String origin) {
        if (heartbeats.isEmpty()) {
            return;
        }
        String source = config.eventSource() + "/" + origin;
        AtomicInteger pending = new AtomicInteger(heartbeats.size());
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        for (AgentHeartbeat heartbeat : heartbeats) {
            Message<byte[]> message = KafkaMessages.of(CloudEventCodec.encode(
                            new CloudEvent<>(idOf(heartbeat), source, heartbeat.timeGenerated(), heartbeat)))
                    .withAck(() -> {
                        if (pending.decrementAndGet() == 0) {
                            acknowledged.complete(null);
                        }
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        acknowledged.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.sendMessageAndForget(message);
        }
        try {
            acknowledged.get(config.heartbeats().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not take the heartbeats: " + e.getMessage(), e);
        }
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
