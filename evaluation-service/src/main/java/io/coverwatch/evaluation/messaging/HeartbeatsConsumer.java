package io.coverwatch.evaluation.messaging;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.MalformedEventException;
import io.coverwatch.evaluation.heartbeat.HeartbeatIntake;
import io.coverwatch.inbox.DeadLetters;
import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.inventory.heartbeats} in batches, two batches at a time ({@code heartbeat-writers}): one is
 * decoded while the other is written, so the service's work and the database's overlap instead of taking turns. Each
 * batch goes through {@link HeartbeatIntake}, which holds the heartbeats that can wait and returns the rest to write in
 * one transaction. Out of order is safe here: the write keeps each agent's newest time and locks rows in key order,
 * offsets are committed only up to a batch with none missing before it, and {@link PartitionReach} counts the stream
 * heard the same way. A record that is not a readable event goes to {@code coverwatch.inventory.heartbeats.dlq} with the
 * reason, and the rest of the batch goes on; the batch is acknowledged only once all its heartbeats are written, those
 * held included, its write retried like any handler's. Heartbeats need no ID deduplication: recording one twice keeps
 * the newest time, which is the same state. Once written or held, the batch tells {@link HeartbeatStreamProbe} how far
 * the stream has been heard.
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

    @Incoming(HeartbeatStreamProbe.CHANNEL)
    @Blocking(value = "heartbeat-writers", ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        try {
            ConsumerRecords<String, byte[]> records = records(batch);
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
            HeartbeatIntake.Taken taken = intake.take(heartbeats);
            inbox.retry(heartbeats.size() + " heartbeats", () -> intake.write(taken.toWrite()));
            List<HeartbeatStreamProbe.Span> spans = HeartbeatStreamProbe.spans(records);
            stream.recorded(spans);
            intake.acknowledgeWhenWritten(taken, () -> stream.written(spans));
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return batch.nack(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecords<String, byte[]> records(KafkaRecordBatch<String, byte[]> batch) {
        return batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(metadata -> (ConsumerRecords<String, byte[]>) metadata.getRecords())
                .orElseThrow();
    }
}
