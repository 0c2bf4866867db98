package io.coverwatch.inventory.broker;

import io.coverwatch.availability.Unavailable;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends events that carry no state inventory must keep (heartbeats, Defender assessments, security signals) straight
 * to the broker instead of through the outbox: the caller returns only once the broker has acknowledged every event,
 * so nothing accepted is lost. Each record names its own topic.
 *
 * <p>They go to the {@code direct} channel's own Kafka producer (its serializers, {@code acks=all}, batching and
 * compression settings), not through an Emitter: the connector wraps every message in a Mutiny pipeline (retry,
 * context capture, a hop to its sending thread) that cost about 30 µs of CPU per heartbeat and kept about 1.5 KB per
 * heartbeat in flight, which kept ingest under half its goal (docs/benchmarks.md). Every record of a batch reports to
 * one callback.
 */
@ApplicationScoped
public class DirectPublisher {

    static final String CHANNEL = "direct";

    private final KafkaClientService kafka;

    DirectPublisher(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    /**
     * Sends the events and waits for the broker's acknowledgement of all of them.
     *
     * @param what names the events in the error when the broker does not take them
     * @throws Unavailable when the broker did not answer within the timeout (a REST caller answers 503)
     * @throws IllegalStateException when the broker refused one for good
     */
    public void publish(List<? extends CloudEvent<?>> events, Duration timeout, String what) {
        if (events.isEmpty()) {
            return;
        }
        Producer<String, byte[]> producer =
                kafka.<String, byte[]>getProducer(CHANNEL).unwrap();
        BrokerAcknowledgements acknowledgements = new BrokerAcknowledgements(events.size());
        try {
            for (CloudEvent<?> event : events) {
                producer.send(CloudEventCodec.encode(event).producerRecord(), acknowledgements);
            }
        } catch (RuntimeException e) {
            acknowledgements.onCompletion(null, e);
        }
        try {
            acknowledgements.await(timeout);
        } catch (Unavailable e) {
            throw new Unavailable(e.dependency(), "The " + what + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The " + what + ": " + e.getMessage(), e);
        }
    }
}
