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
 * The secure score as last reckoned. A reckoning reads every open finding and Defender assessment (over 100 ms of the
 * database at a million resources, where the console's overview asks for it every few seconds per open page), so it is
 * reckoned in the background while anyone reads it, and only when it may have changed: within {@code refresh-interval}
 * of this instance committing a change to what it counts ({@link EstateRevision}), and every {@code
 * unchanged-refresh-interval} otherwise, for what other instances changed. A reckoning every second whatever happened
 * took the database from the overview's own queries (its p99 225 ms with, 133 ms without, at a million resources).
 * Reads are served the last reckoning unless it is more than twice as old as that, when a read reckons one itself (the
 * first after a quiet spell). Nobody reading for {@code watched-for}, the background reckoning stops.
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

    /** A reckoning and the estate's revision before it read anything: the revision moved since, it may be out of date. */
    private record Held(Reckoning reckoning, long revision) {}

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

    /** The last reckoning, or a new one when the last is too old. */
    public Reckoning read() {
        Instant now = clock.instant();
        lastRead = now;
        Held held = latest;
        return held != null && age(held, now).compareTo(interval(held).multipliedBy(2)) <= 0
                ? held.reckoning()
                : reckon(now).reckoning();
    }

    @Scheduled(
            every = "${coverwatch.evaluation.score.refresh-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant now = clock.instant();
        Held held = latest;
        if (lastRead.plus(watchedFor).isBefore(now)
                || (held != null && age(held, now).compareTo(interval(held)) < 0)) {
            return;
        }
        try {
            reckon(now);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reckoning the secure score failed; reads reckon it themselves until the next refresh");
        }
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
        // Before anything is read: a change that commits while this reckoning reads moves it, and is reckoned next.
        long before = revision.current();
        Instant reckonedAt = clock.instant();
        long started = System.nanoTime();
        Held reckoned = new Held(
                new Reckoning(QuarkusTransaction.requiringNew().call(reports::perSubscription), reckonedAt), before);
        latest = reckoned;
        LOG.debugf(
                "Reckoned the secure score in %d ms (%s)",
                (System.nanoTime() - started) / 1_000_000,
                current == null || current.revision() != before ? "changed" : "unchanged");
        return reckoned;
    }

    /** How long a reckoning holds: short once this instance changed what it counts, long while nothing changed. */
    private Duration interval(Held held) {
        return held.revision() == revision.current() ? unchangedRefreshInterval : refreshInterval;
    }

    private static Duration age(Held held, Instant now) {
        return Duration.between(held.reckoning().reckonedAt(), now);
    }
}
