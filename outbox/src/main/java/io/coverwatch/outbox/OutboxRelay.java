package io.coverwatch.outbox;

import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.context.CleanAutoCloseable;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows through the {@code outbox} channel and deletes them once the broker has
 * acknowledged them. Runs right after each commit and on a schedule (to recover rows left by a crash or a broker
 * outage). Rows are taken with {@code SKIP LOCKED}, so several instances can relay at once; a row may be sent twice
 * after a crash, which consumers absorb by deduplicating on the CloudEvent ID.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final SmallRyeThreadContext WITHOUT_TRANSACTION = (SmallRyeThreadContext) ThreadContext.builder()
            .propagated()
            .cleared(ThreadContext.TRANSACTION)
            .unchanged(ThreadContext.ALL_REMAINING)
            .build();

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

    private int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxEvent> rows = OutboxEvent.getEntityManager()
                    .createNativeQuery(
                            "select * from outbox_event order by seq limit :limit" + " for update skip locked",
                            OutboxEvent.class)
                    .setParameter("limit", config.batchSize())
                    .getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            // The broker's acknowledgements complete on the producer's thread. Without this, context propagation
            // would carry the transaction there, and the commit would find a second thread inside it and roll back.
            try (CleanAutoCloseable outsideTransaction = SmallRyeThreadContext.withThreadContext(WITHOUT_TRANSACTION)) {
                Uni.join()
                        .all(rows.stream().map(this::send).toList())
                        .andFailFast()
                        .await()
                        .atMost(config.sendTimeout());
            }
            rows.forEach(OutboxEvent::delete);
            return rows.size();
        });
    }

    private Uni<Void> send(OutboxEvent row) {
        return emitter.sendMessage(
                row.body == null
                        ? KafkaMessages.tombstone(row.topic, row.key)
                        : KafkaMessages.of(new EncodedEvent(row.topic, row.key, row.headers, row.body)));
    }
}
