package io.coverwatch.evaluation.messaging;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.MalformedEventException;
import io.coverwatch.evaluation.heartbeat.HeartbeatIntake;
import io.coverwatch.inbox.DeadLetters;
import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.inventory.heartbeats} in batches (one database write per batch, not per heartbeat), two
 * batches at a time ({@code heartbeat-writers}): one is decoded while the other is written, so the service's work and
 * the database's overlap instead of taking turns. Out of order is safe here: the write keeps each agent's newest time
 * and locks rows in key order, offsets are committed only up to a batch with none missing before it, and
 * {@link PartitionReach} counts the stream heard the same way. A record
 * that is not a readable event goes to {@code coverwatch.inventory.heartbeats.dlq} with the reason, and the rest of
 * the batch goes on; the batch is acknowledged only once recorded, its write retried like any handler's. Heartbeats
 * need no ID deduplication: recording one twice keeps the newest time, which is the same state. Once recorded, the
 * batch tells {@link HeartbeatStreamProbe} how far the stream has been heard.
 */
@ApplicationScoped
public class HeartbeatsConsumer {

    private final HeartbeatIntake intake;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final HeartbeatStreamProbe stream;

    HeartbeatsConsumer(
            HeartbeatIntake intake,
            Inbox inbox,
            DeadLetters deadLetters,
            @Identifier(HeartbeatStreamProbe.NAME) HeartbeatStreamProbe stream) {
        this.intake = intake;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.stream = stream;
    }

    @Incoming("inventory-heartbeats")
    @Blocking(value = "heartbeat-writers", ordered = false)
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<AgentHeartbeat> heartbeats = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                CloudEventCodec.decode(record.headers(), record.value())
                        .map(event -> event.data())
                        .filter(AgentHeartbeat.class::isInstance)
                        .map(AgentHeartbeat.class::cast)
                        .ifPresent(heartbeats::add);
            } catch (MalformedEventException e) {
                deadLetters.send(record, DeadLetters.Cause.UNREADABLE, e.getMessage());
            }
        }
        inbox.retry(heartbeats.size() + " heartbeats", () -> intake.record(heartbeats));
        stream.recorded(records);
    }
}
