package io.coverwatch.inbox;

import io.coverwatch.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Moves a record to {@code <topic>.dlq} with its headers, key and the reason in a {@code dead-letter-reason} header,
 * through the {@code dead-letters} channel. Each one is one WARN line (the reason, never a stack trace: a flood of bad
 * records must not flood the log) and one count of {@code coverwatch.dead.letters} in {@code /q/metrics}, by topic
 * and cause.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** A reason is read by an operator and travels in a header: it is cut to this length. */
    static final int MAX_REASON = 1000;

    /** Why a record was given up. */
    public enum Cause {
        /** Not a readable Coverwatch event: retrying cannot help. */
        UNREADABLE,
        /** Readable, but its handling kept failing for a reason that does not pass (a bug to fix, then replay). */
        UNHANDLED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry metrics;
    private final InboxConfig config;
    private volatile boolean stopping;

    DeadLetters(@Channel("dead-letters") MutinyEmitter<byte[]> emitter, MeterRegistry metrics, InboxConfig config) {
        this.emitter = emitter;
        this.metrics = metrics;
        this.config = config;
    }

    /** A stopping service leaves the record unacknowledged rather than wait for the broker. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Sends {@code record} to its dead-letter topic and returns once the broker acknowledged it. While the broker
     * cannot take it, it is tried again: the record is not acknowledged on its own topic before it is safe here.
     */
    public void send(ConsumerRecord<String, byte[]> record, Cause cause, String reason) {
        String deadLetterTopic = Topics.deadLetter(record.topic());
        String oneLine = reason.replaceAll("\\s*\\R\\s*", " ");
        String shortReason = oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON - 1) + "…";
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(Topics.DEAD_LETTER_REASON_HEADER);
        headers.add(Topics.DEAD_LETTER_REASON_HEADER, shortReason.getBytes(StandardCharsets.UTF_8));
        Message<byte[]> message = Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(deadLetterTopic)
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build());
        Backoff backoff =
                new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        while (true) {
            try {
                emitter.sendMessageAndAwait(message);
                break;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                Duration pause = backoff.next();
                LOG.warnf(
                        "Dead-lettering %s-%d@%d to %s failed, trying again in %d ms: %s",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        deadLetterTopic,
                        pause.toMillis(),
                        e.getMessage());
                Backoff.sleep(pause);
            }
        }
        LOG.warnf(
                "Dead-lettered %s-%d@%d to %s (%s): %s",
                record.topic(), record.partition(), record.offset(), deadLetterTopic, cause.tag(), shortReason);
        Counter.builder("coverwatch.dead.letters")
                .description("Records moved to a dead-letter topic")
                .tag("topic", record.topic())
                .tag("cause", cause.tag())
                .register(metrics)
                .increment();
    }
}
