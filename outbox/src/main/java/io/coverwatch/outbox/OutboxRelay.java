package io.coverwatch.outbox;

import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows through the {@code outbox} channel and deletes them once the broker has
 * acknowledged them. Runs right after each commit and on a schedule (to recover rows left by a crash or a broker
 * outage). Rows are claimed for a round ({@code claimed_until}, taken with {@code SKIP LOCKED}), so several instances
 * can relay at once and none holds a database transaction while it waits for the broker: under load, rounds that did
 * held a connection and row locks for up to the send timeout and failed to commit. A row may be sent twice after a
 * crash, which consumers absorb by deduplicating on the CloudEvent ID.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<byte[]> emitter;
    private final OutboxConfig config;
    private final ReentrantLock relaying = new ReentrantLock();
    private final AtomicBoolean moreRequested = new AtomicBoolean();
    private final ExecutorService relayThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    OutboxRelay(
            @Channel("outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter,
            OutboxConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    @PreDestroy
    void stop() {
        relayThread.shutdown();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxCommitted committed) {
        relayThread.execute(this::relayPending);
    }

    @Scheduled(
            every = "${coverwatch.outbox.poll-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        relayPending();
    }

    /** Sends every pending row. A request that arrives while a round runs makes that round go on. */
    void relayPending() {
        moreRequested.set(true);
        if (!relaying.tryLock()) {
            return;
        }
        try {
            while (moreRequested.getAndSet(false)) {
                int sent;
                do {
                    sent = relayBatch();
                } while (sent == config.batchSize());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay round failed, rows stay for the next round: %s", e.getMessage());
        } finally {
            relaying.unlock();
        }
    }

    /**
     * One round: claims a batch in a short transaction, sends it with no transaction open, and deletes what the broker
     * acknowledged in another. A round that fails releases its claim; one that a crash cut short leaves its claim to
     * lapse, after which any relay takes the rows again.
     */
    private int relayBatch() {
        List<OutboxEvent> rows = QuarkusTransaction.requiringNew().call(this::claim);
        if (rows.isEmpty()) {
            return 0;
        }
        List<UUID> ids = rows.stream().map(row -> row.id).toList();
        try {
            Uni.join()
                    .all(rows.stream().map(this::send).toList())
                    .andFailFast()
                    .await()
                    .atMost(config.sendTimeout());
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> changeAll("update outbox_event set claimed_until = null", ids));
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> changeAll("delete from outbox_event", ids));
        return rows.size();
    }

    /**
     * The oldest rows no relay holds, claimed until twice the send timeout from now: longer than any round waits for
     * the broker, so a claim only lapses when its relay is gone.
     */
    @SuppressWarnings("unchecked")
    private List<OutboxEvent> claim() {
        Instant now = Instant.now();
        List<OutboxEvent> rows = OutboxEvent.getEntityManager()
                .createNativeQuery(
                        "select * from outbox_event where claimed_until is null or claimed_until < :now"
                                + " order by seq limit :limit for update skip locked",
                        OutboxEvent.class)
                .setParameter("now", now)
                .setParameter("limit", config.batchSize())
                .getResultList();
        if (!rows.isEmpty()) {
            OutboxEvent.getEntityManager()
                    .createNativeQuery("update outbox_event set claimed_until = :until where id in (:ids)")
                    .setParameter("until", now.plus(config.sendTimeout().multipliedBy(2)))
                    .setParameter("ids", rows.stream().map(row -> row.id).toList())
                    .executeUpdate();
        }
        return rows;
    }

    private static void changeAll(String statement, List<UUID> ids) {
        OutboxEvent.getEntityManager()
                .createNativeQuery(statement + " where id in (:ids)")
                .setParameter("ids", ids)
                .executeUpdate();
    }

    private Uni<Void> send(OutboxEvent row) {
        return emitter.sendMessage(
                row.body == null
                        ? KafkaMessages.tombstone(row.topic, row.key)
                        : KafkaMessages.of(new EncodedEvent(row.topic, row.key, row.headers, row.body)));
    }
}
