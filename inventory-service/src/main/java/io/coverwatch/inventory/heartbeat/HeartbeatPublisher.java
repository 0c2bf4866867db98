package io.coverwatch.inventory.heartbeat;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.inventory.InventoryConfig;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;

/**
 * Publishes heartbeats as they come, keyed by machine, through the batching {@code heartbeats} channel. They carry no
 * state inventory must keep, so they skip the outbox; instead a caller returns only once the broker has acknowledged
 * every heartbeat, so nothing accepted is lost.
 *
 * <p>They go to the channel's own Kafka producer (its serializers, {@code acks=all} and batching settings), not through
 * an Emitter: the connector wraps every message in a Mutiny pipeline (retry, context capture, a hop to its sending
 * thread) that cost about 30 µs of CPU per heartbeat and kept about 1.5 KB per heartbeat in flight, which kept the
 * service under half the ingest goal (docs/benchmarks.md). Every record of a batch reports to one callback.
 */
@ApplicationScoped
public class HeartbeatPublisher {

    static final String CHANNEL = "heartbeats";

    private final KafkaClientService kafka;
    private final InventoryConfig config;

    HeartbeatPublisher(KafkaClientService kafka, InventoryConfig config) {
        this.kafka = kafka;
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
        Producer<String, byte[]> producer =
                kafka.<String, byte[]>getProducer(CHANNEL).unwrap();
        BrokerAcknowledgements acknowledgements = new BrokerAcknowledgements(heartbeats.size());
        try {
            for (AgentHeartbeat heartbeat : heartbeats) {
                producer.send(
                        CloudEventCodec.encode(
                                        new CloudEvent<>(idOf(heartbeat), source, heartbeat.timeGenerated(), heartbeat))
                                .producerRecord(),
                        acknowledgements);
            }
        } catch (RuntimeException e) {
            acknowledgements.onCompletion(null, e);
        }
        acknowledgements.await(config.heartbeats().sendTimeout());
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
