package io.coverwatch.evaluation.messaging;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.MalformedEventException;
import io.coverwatch.evaluation.heartbeat.HeartbeatIntake;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code coverwatch.inventory.heartbeats} in batches (one database write per batch, not per heartbeat). A record
 * that is not a readable event goes to {@code coverwatch.inventory.heartbeats.dlq} with the reason, and the rest of
 * the batch goes on; the batch is acknowledged only once recorded. Heartbeats need no ID deduplication: recording one
 * twice keeps the newest time, which is the same state.
 */
@ApplicationScoped
public class HeartbeatsConsumer {

    private final HeartbeatIntake intake;
    private final MutinyEmitter<byte[]> deadLetters;

    HeartbeatsConsumer(HeartbeatIntake intake, @Channel("heartbeats-dead-letters") MutinyEmitter<byte[]> deadLetters) {
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Incoming("inventory-heartbeats")
    @Blocking
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
                deadLetter(record, e.getMessage());
            }
        }
        intake.record(heartbeats);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(Topics.deadLetter(Topics.HEARTBEATS))
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build()));
    }
}
