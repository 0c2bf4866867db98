package io.coverwatch.inventory.heartbeat;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.inventory.InventoryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes heartbeats as they come, keyed by machine, through the batching {@code heartbeats} channel. They carry no
 * state inventory must keep, so they skip the outbox; instead a caller returns only once the broker has acknowledged
 * every heartbeat, so nothing accepted is lost.
 *
 * <p>Each heartbeat goes out as a ready {@link ProducerRecord} (topic, key, {@code ce_*} headers, body), which the
 * Kafka connector sends as it is. The records are emitted from this publisher's own thread: a request thread carries
 * a Vert.x context and a CDI request context, and the emitter and connector would capture both for every record.
 */
@ApplicationScoped
public class HeartbeatPublisher {

    private final Emitter<ProducerRecord<String, byte[]>> emitter;
    private final InventoryConfig config;
    private final ExecutorService emitting =
            Executors.newSingleThreadExecutor(task -> new Thread(task, "heartbeat-publisher"));

    HeartbeatPublisher(
            @Channel("heartbeats") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    Emitter<ProducerRecord<String, byte[]>> emitter,
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
        List<ProducerRecord<String, byte[]>> records = heartbeats.stream()
                .map(heartbeat -> CloudEventCodec.encode(
                                new CloudEvent<>(idOf(heartbeat), source, heartbeat.timeGenerated(), heartbeat))
                        .producerRecord())
                .toList();
        BrokerAcknowledgements acknowledgements = new BrokerAcknowledgements(records.size());
        emitting.execute(() -> {
            try {
                for (ProducerRecord<String, byte[]> record : records) {
                    emitter.send(Message.of(record, acknowledgements::ack, acknowledgements::nack));
                }
            } catch (RuntimeException e) {
                acknowledgements.nack(e);
            }
        });
        acknowledgements.await(config.heartbeats().sendTimeout());
    }

    @PreDestroy
    void stop() {
        emitting.shutdown();
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
