package io.coverwatch.evaluation.score;

import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.estate.EstateRevision;
import io.coverwatch.evaluation.rules.score.SecureScore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The secure score as last reckoned. A reckoning reads every open finding and Defender assessment (150–220 ms at a
 * million resources, where the console's overview asks for the score every few seconds per open page), so it is
 * reckoned in the background while anyone reads it, and only when what it counts changed: within {@code
 * refresh-interval} of this instance committing such a change ({@link EstateRevision}), and within {@code
 * unchanged-refresh-interval} of the database counting rows written to those tables by any instance (a lookup in its
 * statistics, not a reckoning). A reckoning every second whatever happened took the database from the overview's own
 * queries (its p99 225–295 ms at a million resources; about 130 ms without it). Reads are served the last reckoning
 * unless it is overdue by twice those intervals, when a read catches up itself (the first after a quiet spell). Nobody
 * reading for {@code watched-for}, the background stops.
 */
@ApplicationScoped
public class LatestScore {

    private static final Logger LOG = Logger.getLogger(LatestScore.class);

    /**
     * One reckoning.
     *
     * @param perSubscription each subscription's score, by lower-cased subscription ID
     * @param reckonedAt      when the findings and assessments it counts were read
     */
    public record Reckoning(Map<String, SecureScore> perSubscription, Instant reckonedAt) {}

    /**
     * A reckoning, this instance's revision and the database's count of writes before it read anything (either moved
     * since, it may be out of date), and when the count was last looked at and found unmoved.
     */
    private record Held(Reckoning reckoning, long revision, long writes, Instant checkedAt) {}

    private final ScoreReports reports;
    private final EstateRevision revision;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Duration unchangedRefreshInterval;
    private final Duration watchedFor;
    private volatile Held latest;
    private volatile Instant lastRead = Instant.MIN;

    LatestScore(ScoreReports reports, EstateRevision revision, Clock clock, EvaluationConfig config) {
        this.reports = reports;
        this.revision = revision;
        this.clock = clock;
        this.refreshInterval = config.score().refreshInterval();
        this.unchangedRefreshInterval = config.score().unchangedRefreshInterval();
        this.watchedFor = config.score().watchedFor();
    }

    /** The last reckoning, or a new one when the last is overdue. */
    public Reckoning read() {
        Instant now = clock.instant();
        lastRead = now;
        return catchUp(now, 2).reckoning();
    }

    @Scheduled(
            every = "${coverwatch.evaluation.score.refresh-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant now = clock.instant();
        if (lastRead.plus(watchedFor).isBefore(now)) {
            return;
        }
        try {
            catchUp(now, 1);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reckoning the secure score failed; reads reckon it themselves until the next refresh");
        }
    }

    /**
     * The held reckoning, reckoned again first if this instance changed what it counts more than {@code slack}
     * refresh intervals ago, or if the database counted writes since and was last looked at more than {@code slack}
     * unchanged intervals ago.
     */
    private Held catchUp(Instant now, int slack) {
        Held held = latest;
        if (held == null) {
            return reckon(now);
        }
        if (held.revision() != revision.current()) {
            return overdue(held.reckoning().reckonedAt(), refreshInterval, slack, now) ? reckon(now) : held;
        }
        return overdue(held.checkedAt(), unchangedRefreshInterval, slack, now) ? check(held, now) : held;
    }

    /** Looks at the database's count of writes: reckons again if it moved, else notes when it was looked at. */
    private synchronized Held check(Held held, Instant asked) {
        Held current = latest;
        if (current != held) {
            return current;
        }
        long writes = QuarkusTransaction.requiringNew().call(reports::writes);
        if (writes != held.writes()) {
            return reckon(asked);
        }
        Held checked = new Held(held.reckoning(), held.revision(), held.writes(), asked);
        latest = checked;
        return checked;
    }

    /**
     * Reckons the score once for every caller waiting at the same time: a read that waited for another's reckoning
     * takes it, since it began after the read asked.
     */
    private synchronized Held reckon(Instant asked) {
        Held current = latest;
        if (current != null && !current.reckoning().reckonedAt().isBefore(asked)) {
            return current;
        }
        // Before anything is read: a change that commits while this reckoning reads moves them, and is reckoned next.
        long before = revision.current();
        Instant reckonedAt = clock.instant();
        long started = System.nanoTime();
        Held reckoned = QuarkusTransaction.requiringNew().call(() -> {
            long writes = reports.writes();
            return new Held(new Reckoning(reports.perSubscription(), reckonedAt), before, writes, reckonedAt);
        });
        latest = reckoned;
        LOG.debugf("Reckoned the secure score in %d ms", (System.nanoTime() - started) / 1_000_000);
        return reckoned;
    }

    private static boolean overdue(Instant since, Duration interval, int slack, Instant now) {
        return Duration.between(since, now).compareTo(interval.multipliedBy(slack)) >= 0;
    }
}
