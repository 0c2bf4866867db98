package io.coverwatch.inbox;

import io.coverwatch.availability.DatabaseProbe;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.MalformedEventException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Where a consumer hands each record: an unreadable one goes to its dead-letter topic at once; a readable one goes to
 * the handler (one transaction, deduplicated by {@link ProcessedEvents}) until it is handled. A handler that fails for
 * a passing reason ({@link PassingFailures}: a deadlock, a serialization failure, a lost connection, a lock timeout, a
 * row deleted under it; or any database failure while the database does not answer, {@link DatabaseProbe}) is tried
 * again, with a pause that doubles up to {@code coverwatch.inbox.retry.max-backoff},
 * until it succeeds: the record's partition waits meanwhile, so order is kept and no good event is dead-lettered. A
 * handler that fails otherwise is a bug: after {@code coverwatch.inbox.retry.attempts} attempts the event goes to its
 * dead-letter topic with the reason, to be replayed once the bug is fixed, and the stream goes on.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final DeadLetters deadLetters;
    private final InboxConfig config;
    private final DatabaseProbe database;
    private volatile boolean stopping;

    Inbox(DeadLetters deadLetters, InboxConfig config, DatabaseProbe database) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.database = database;
    }

    /** A stopping service leaves what it retries unacknowledged, to be read again after the restart. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Decodes {@code record} and hands the event to {@code handler}; returns once it is handled or dead-lettered. */
    public void receive(ConsumerRecord<String, byte[]> record, Consumer<CloudEvent<CoverwatchEvent>> handler) {
        readable(record).ifPresent(event -> handleOrDeadLetter(record, event, handler));
    }

    /**
     * Decodes a poll's records and hands every readable event to {@code batch} at once, in their order (one
     * transaction for the poll), retried like a single event's handler. When the batch fails for a reason that does
     * not pass, each event goes to {@code single} on its own, so only the one at fault is dead-lettered and the others
     * are handled. Returns once every record is handled or dead-lettered.
     */
    public void receiveAll(
            Iterable<ConsumerRecord<String, byte[]>> records,
            Consumer<List<CloudEvent<CoverwatchEvent>>> batch,
            Consumer<CloudEvent<CoverwatchEvent>> single) {
        List<Received> received = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            readable(record).ifPresent(event -> received.add(new Received(record, event)));
        }
        if (received.isEmpty()) {
            return;
        }
        List<CloudEvent<CoverwatchEvent>> poll =
                received.stream().map(Received::event).toList();
        try {
            retry(poll.size() + " events from " + poll.get(0).id(), () -> batch.accept(poll));
        } catch (UnhandledException e) {
            LOG.warnf(
                    "A poll of %d events failed as a whole; handling them one at a time: %s",
                    poll.size(), e.getMessage());
            received.forEach(each -> handleOrDeadLetter(each.record(), each.event(), single));
        }
    }

    private record Received(ConsumerRecord<String, byte[]> record, CloudEvent<CoverwatchEvent> event) {}

    /** The record's event; empty when it went to the dead-letter topic, or is of a type this release does not know. */
    private Optional<CloudEvent<CoverwatchEvent>> readable(ConsumerRecord<String, byte[]> record) {
        try {
            // Empty for a type this release does not know: a newer producer's, not ours to handle.
            return CloudEventCodec.decode(record.headers(), record.value());
        } catch (MalformedEventException e) {
            deadLetters.send(record, DeadLetters.Cause.UNREADABLE, e.getMessage());
            return Optional.empty();
        }
    }

    private void handleOrDeadLetter(
            ConsumerRecord<String, byte[]> record,
            CloudEvent<CoverwatchEvent> event,
            Consumer<CloudEvent<CoverwatchEvent>> handler) {
        try {
            retry(event.type() + " " + event.id(), () -> handler.accept(event));
        } catch (UnhandledException e) {
            deadLetters.send(record, DeadLetters.Cause.UNHANDLED, e.getMessage());
        }
    }

    /**
     * Runs {@code work} (its own transaction) until it succeeds: a passing failure is retried without limit, any other
     * one up to {@code coverwatch.inbox.retry.attempts} attempts in all.
     *
     * @throws UnhandledException when the attempts for a failure that does not pass are used up
     */
    public void retry(String what, Runnable work) {
        Backoff backoff =
                new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        int failedForGood = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    // Failures while stopping say nothing about the event: never dead-letter it for one.
                    throw new IllegalStateException("stopping: " + what + " is left to the next start", e);
                }
                // While the database is away every attempt fails, whatever it wrapped the failure in (the pool's
                // acquisition timeout carries no SQL state): the consumer waits for it rather than give up the event.
                boolean passing =
                        PassingFailures.isPassing(e) || database.outage(e).isPresent();
                if (!passing && ++failedForGood >= config.retry().attempts()) {
                    throw new UnhandledException(
                            "handling " + what + " failed " + failedForGood + " times: " + describe(e), e);
                }
                Duration pause = backoff.next();
                LOG.warnf(
                        "Handling %s failed (attempt %d, %s), trying again in %d ms: %s",
                        what, attempt, passing ? "passing" : "not passing", pause.toMillis(), describe(e));
                Backoff.sleep(pause);
            }
        }
    }

    /** The failure and its innermost cause, on one line: what an operator needs without a stack trace. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        String outer = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String described = root == failure
                ? outer
                : outer + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return described.replaceAll("\\s*\\R\\s*", " ");
    }

    /** A handler that kept failing for a reason that does not pass; the message says why. */
    public static final class UnhandledException extends RuntimeException {
        UnhandledException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
