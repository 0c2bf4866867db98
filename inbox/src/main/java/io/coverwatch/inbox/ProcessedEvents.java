package io.coverwatch.inbox;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The CloudEvent IDs already handled, so a re-delivered event changes nothing (consumers are at-least-once). An ID is
 * kept for {@code coverwatch.inbox.retention.processed-events}, longer than a topic keeps the record it came in, and
 * then deleted in small batches.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    private final InboxConfig config;

    ProcessedEvents(InboxConfig config) {
        this.config = config;
    }

    /** Records the ID in the caller's transaction; false when it was already there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String eventId) {
        return !firstDeliveries(List.of(eventId)).isEmpty();
    }

    /**
     * Records the IDs of a poll in the caller's transaction, with one statement however many there are.
     *
     * @return those that were not there before, each once
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        List<?> recorded = Panache.getEntityManager()
                .createNativeQuery("insert into processed_event (event_id, processed_at)"
                        + " select id, now() from unnest(cast(:ids as varchar[])) as t(id)"
                        + " on conflict (event_id) do nothing returning event_id")
                .setParameter("ids", eventIds.toArray(String[]::new))
                .getResultList();
        return recorded.stream().map(String.class::cast).collect(Collectors.toSet());
    }

    @Scheduled(
            every = "${coverwatch.inbox.retention.prune-interval:10m}",
            delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOnSchedule() {
        try {
            prune(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("Pruning handled event IDs failed; the next round tries again: %s", e.getMessage());
        }
    }

    /**
     * Deletes the IDs handled longer than the retention before {@code now}, one small transaction per batch.
     *
     * @return how many were deleted
     */
    public int prune(Instant now) {
        Instant before = now.minus(config.retention().processedEvents());
        int batch = config.retention().pruneBatchSize();
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                    .createNativeQuery("delete from processed_event where event_id in (select event_id from"
                            + " processed_event where processed_at < :before limit :batch)")
                    .setParameter("before", before)
                    .setParameter("batch", batch)
                    .executeUpdate());
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
