package io.coverwatch.notification.delivery;

import io.coverwatch.notification.NotificationConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps the delivery log bounded: delivered messages older than {@code coverwatch.notification.delivery.retention}
 * are deleted, one small transaction per batch, so pruning never holds many rows or the senders up. Several instances
 * pruning at once delete each row once.
 */
@ApplicationScoped
public class DeliveryLogRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryLogRetention.class);

    private final DeliveryLog log;
    private final NotificationConfig.Delivery config;
    private final Clock clock;

    DeliveryLogRetention(DeliveryLog log, NotificationConfig config, Clock clock) {
        this.log = log;
        this.config = config.delivery();
        this.clock = clock;
    }

    @Scheduled(
            every = "${coverwatch.notification.delivery.prune-interval:10m}",
            delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOnSchedule() {
        try {
            prune(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("Pruning the delivery log failed; the next round tries again: %s", e.getMessage());
        }
    }

    /**
     * Deletes what was delivered longer than the retention before {@code now}.
     *
     * @return how many messages were deleted
     */
    public int prune(Instant now) {
        Instant before = now.minus(config.retention());
        int total = 0;
        int deleted;
        do {
            deleted =
                    QuarkusTransaction.requiringNew().call(() -> log.deleteDelivered(before, config.pruneBatchSize()));
            total += deleted;
        } while (deleted == config.pruneBatchSize());
        return total;
    }
}
