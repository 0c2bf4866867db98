package io.coverwatch.notification.dispatch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Flushes groups when they fall due rather than at the next tick: once a transaction that stored a group's wake-up has
 * committed, the alarm is set for that instant. It is one alarm, set for the earliest wake-up this instance has
 * stored: a burst of a thousand notices storing the same or later wake-ups sets nothing new. When it rings it flushes
 * every group due ({@link GroupTicker#flushDue}, claims with {@code SKIP LOCKED} as the tick's) and sets itself for
 * the earliest wake-up still stored, whichever instance stored it.
 *
 * <p>In memory only: the tick stays, and catches groups whose wake-up another instance stored, and every group after a
 * restart, within one tick interval. The tick's second of delay was at every step of a group (before its first message
 * and between its messages), on top of group_wait and group_interval.
 */
@ApplicationScoped
public class GroupAlarm {

    private static final Logger LOG = Logger.getLogger(GroupAlarm.class);

    private final GroupTicker ticker;
    private final GroupStore groups;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "group-alarm");
        thread.setDaemon(true);
        return thread;
    });

    /** When the alarm rings next; null while it is not set. Guarded by {@code this}. */
    private Instant setFor;

    private ScheduledFuture<?> ringing;
    private boolean stopped;

    GroupAlarm(GroupTicker ticker, GroupStore groups, Clock clock) {
        this.ticker = ticker;
        this.groups = groups;
        this.clock = clock;
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        timer.shutdownNow();
    }

    void wakeUpStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupStore.WakeUpStored stored) {
        set(stored.at());
    }

    /** Makes sure the alarm rings at {@code at} or earlier; a time already past rings at once. */
    synchronized void set(Instant at) {
        if (stopped || (setFor != null && !setFor.isAfter(at))) {
            return; // an alarm at or before it flushes this group too, or sets itself for it
        }
        if (ringing != null) {
            ringing.cancel(false);
        }
        setFor = at;
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        ringing = timer.schedule(this::ring, delay, TimeUnit.NANOSECONDS);
    }

    private void ring() {
        synchronized (this) {
            setFor = null;
            ringing = null;
        }
        try {
            Instant now = clock.instant();
            ticker.flushDue(now);
            QuarkusTransaction.requiringNew()
                    .call(() -> groups.earliestWakeUpAfter(now))
                    .ifPresent(this::set);
        } catch (RuntimeException e) {
            LOG.warnf("Flushing the groups due failed; the tick tries again: %s", e.getMessage());
        }
    }
}
