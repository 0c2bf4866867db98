package io.coverwatch.outbox;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
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

    private static final String FREE = "select id from outbox_event where claimed_until is null or claimed_until < ?"
            + " order by seq limit ? for update skip locked";
    private static final String CLAIM = "update outbox_event set claimed_until = ? where id = any(?)"
            + " returning seq, id, topic, event_key, headers, body";
    private static final String RELEASE = "update outbox_event set claimed_until = null where id = any(?)";
    private static final String DELETE = "delete from outbox_event where id = any(?)";

    private final MutinyEmitter<byte[]> emitter;
    private final OutboxConfig config;
    private final DataSource dataSource;
    private final ReentrantLock relaying = new ReentrantLock();
    private final AtomicBoolean moreRequested = new AtomicBoolean();
    private final ExecutorService relayThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    OutboxRelay(
            @Channel("outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter,
            OutboxConfig config,
            DataSource dataSource) {
        this.emitter = emitter;
        this.config = config;
        this.dataSource = dataSource;
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
        List<Claimed> rows = QuarkusTransaction.requiringNew().call(this::claim);
        if (rows.isEmpty()) {
            return 0;
        }
        UUID[] ids = rows.stream().map(Claimed::id).toArray(UUID[]::new);
        try {
            Uni.join()
                    .all(rows.stream().map(row -> send(row.event())).toList())
                    .andFailFast()
                    .await()
                    .atMost(config.sendTimeout());
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> changeAll(RELEASE, ids));
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> changeAll(DELETE, ids));
        return rows.size();
    }

    /**
     * The oldest rows no relay holds, claimed until twice the send timeout from now (longer than any round waits for
     * the broker, so a claim only lapses when its relay is gone): their IDs locked, then marked and returned by ID.
     * Plain JDBC rather than entities: a round is a few hundred rows that are sent and deleted, never changed, so
     * managing them as entities (each one loaded into the session and checked for changes at the commit) was work
     * spent for nothing on every round. The marking goes by the IDs the lock returned, not by a join with the locking query:
     * PostgreSQL planned that join as a scan of the whole table, which a backlog makes long (236 ms a claim at 1,000
     * changes a second; by ID, 5 ms to lock and 21 ms to mark 500 rows).
     */
    private List<Claimed> claim() {
        Instant now = Instant.now();
        List<Claimed> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement free = connection.prepareStatement(FREE);
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            free.setObject(1, now.atOffset(ZoneOffset.UTC));
            free.setInt(2, config.batchSize());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet result = free.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getObject(1, UUID.class));
                }
            }
            if (ids.isEmpty()) {
                return rows;
            }
            claim.setObject(1, now.plus(config.sendTimeout().multipliedBy(2)).atOffset(ZoneOffset.UTC));
            claim.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet result = claim.executeQuery()) {
                while (result.next()) {
                    rows.add(new Claimed(
                            result.getLong("seq"),
                            result.getObject("id", UUID.class),
                            new EncodedEvent(
                                    result.getString("topic"),
                                    result.getString("event_key"),
                                    headers(result.getString("headers")),
                                    result.getBytes("body"))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim outbox rows", e);
        }
        // RETURNING gives the rows in no particular order; they leave in the order they were written.
        rows.sort(Comparator.comparingLong(Claimed::seq));
        return rows;
    }

    private void changeAll(String statement, UUID[] ids) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement change = connection.prepareStatement(statement)) {
            change.setArray(1, connection.createArrayOf("uuid", ids));
            change.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change " + ids.length + " outbox rows", e);
        }
    }

    private static Map<String, String> headers(String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        ContractsJson.fromJson(json, Map.class).forEach((name, value) -> headers.put((String) name, (String) value));
        return headers;
    }

    private Uni<Void> send(EncodedEvent event) {
        return emitter.sendMessage(
                event.body() == null ? KafkaMessages.tombstone(event.topic(), event.key()) : KafkaMessages.of(event));
    }

    /** A row this relay holds for the round, in the order of {@code seq}. */
    private record Claimed(long seq, UUID id, EncodedEvent event) {}
}
