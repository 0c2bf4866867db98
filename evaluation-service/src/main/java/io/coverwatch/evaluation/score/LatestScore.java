package io.coverwatch.evaluation.score;

import io.coverwatch.evaluation.EvaluationConfig;
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
 * The secure score as last reckoned. A reckoning reads every open finding and Defender assessment (over 100 ms at a
 * million resources, where the console's overview asks for it every few seconds per open page), so while anyone reads
 * the score it is reckoned again every {@code refresh-interval} in the background, and reads are served the last
 * reckoning: at most twice that interval old, or a read reckons one itself (the first after a quiet spell). Nobody
 * reading for {@code watched-for}, the background reckoning stops.
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

    private final ScoreReports reports;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration watchedFor;
    private volatile Reckoning latest;
    private volatile Instant lastRead = Instant.MIN;

    LatestScore(ScoreReports reports, Clock clock, EvaluationConfig config) {
        this.reports = reports;
        this.clock = clock;
        this.maxAge = config.score().refreshInterval().multipliedBy(2);
        this.watchedFor = config.score().watchedFor();
    }

    /** The last reckoning, or a new one when the last is too old. */
    public Reckoning read() {
        Instant now = clock.instant();
        lastRead = now;
        Reckoning current = latest;
        return fresh(current, now) ? current : reckon(now);
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
            reckon(now);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reckoning the secure score failed; reads reckon it themselves until the next refresh");
        }
    }

    /**
     * Reckons the score once for every caller waiting at the same time: a read that waited for another's reckoning
     * takes it, since it began after the read asked.
     */
    private synchronized Reckoning reckon(Instant asked) {
        Reckoning current = latest;
        if (current != null && !current.reckonedAt().isBefore(asked)) {
            return current;
        }
        Instant reckonedAt = clock.instant();
        Reckoning reckoned =
                new Reckoning(QuarkusTransaction.requiringNew().call(reports::perSubscription), reckonedAt);
        latest = reckoned;
        return reckoned;
    }

    private boolean fresh(Reckoning reckoning, Instant now) {
        return reckoning != null && !reckoning.reckonedAt().plus(maxAge).isBefore(now);
    }
}
