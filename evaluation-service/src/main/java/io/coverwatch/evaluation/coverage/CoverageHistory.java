package io.coverwatch.evaluation.coverage;

import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.rules.coverage.CoverageReport;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.CoverageRow;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Coverage now and over time. A snapshot per subscription and kind is recorded every interval; its time is the
 * interval's start, so several instances recording the same interval write one row.
 */
@ApplicationScoped
public class CoverageHistory {

    private static final Logger LOG = Logger.getLogger(CoverageHistory.class);

    /** Coverage of one subscription and kind at one time. */
    @Schema(description = "Coverage of one subscription and resource kind at one snapshot.")
    public record CoveragePoint(
            @Schema(description = "When the snapshot was taken.") Instant takenAt,
            @Schema(description = "The subscription's ID, lower-cased.") String subscriptionId,
            @Schema(description = "The resource kind, for example VIRTUAL_MACHINE.") String kind,
            @Schema(description = "Resources of the kind a Defender plan covered.") long covered,
            @Schema(description = "Resources of the kind.") long total) {}

    private final ResourceStates states;
    private final EvaluationConfig config;
    private final Clock clock;

    CoverageHistory(ResourceStates states, EvaluationConfig config, Clock clock) {
        this.states = states;
        this.config = config;
        this.clock = clock;
    }

    /** Coverage now, with the details of the subscriptions it was reckoned from (by lower-cased ID). */
    public record CoverageNow(CoverageReport report, Map<String, SubscriptionDetails> subscriptions) {}

    /** @param subscriptionId only this subscription; null for the whole estate */
    public CoverageNow now(CoverageReport.Scope scope, String subscriptionId) {
        Map<String, SubscriptionDetails> subscriptions = states.subscriptions(subscriptionId);
        return new CoverageNow(
                CoverageReport.of(subscriptions, states.typeCounts(subscriptionId), scope), subscriptions);
    }

    @Scheduled(
            every = "${coverwatch.evaluation.coverage-snapshot-interval:5m}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshot() {
        long interval = config.coverageSnapshotInterval().toMillis();
        Instant takenAt = Instant.ofEpochMilli(clock.millis() / interval * interval);
        QuarkusTransaction.requiringNew().run(() -> perSubscriptionAndKind(
                        now(CoverageReport.Scope.ALL, null).report())
                .forEach((key, totals) -> Panache.getEntityManager()
                        .createNativeQuery("insert into coverage_snapshot"
                                + " (taken_at, subscription_id, kind, covered, total)"
                                + " values (:at, :subscription, :kind, :covered, :total) on conflict do nothing")
                        .setParameter("at", Timestamp.from(takenAt))
                        .setParameter("subscription", key.get(0))
                        .setParameter("kind", key.get(1))
                        .setParameter("covered", totals[0])
                        .setParameter("total", totals[1])
                        .executeUpdate()));
    }

    @Scheduled(
            every = "${coverwatch.evaluation.prune-interval:10m}",
            delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOnSchedule() {
        try {
            prune(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("Pruning coverage history failed; the next round tries again: %s", e.getMessage());
        }
    }

    /**
     * Deletes the snapshots taken longer than the retention before {@code now}, one small transaction per batch.
     *
     * @return how many rows were deleted
     */
    public int prune(Instant now) {
        Timestamp before = Timestamp.from(now.minus(config.coverageHistoryRetention()));
        int batch = config.pruneBatchSize();
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                    .createNativeQuery("delete from coverage_snapshot where ctid in (select ctid from"
                            + " coverage_snapshot where taken_at < :before limit :batch)")
                    .setParameter("before", before)
                    .setParameter("batch", batch)
                    .executeUpdate());
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    /** The recorded points, oldest first; {@code subscriptionId} null for every subscription. */
    /** The whole estate's coverage at one snapshot. */
    @Schema(description = "The whole estate's coverage at one snapshot: every subscription and kind summed.")
    public record EstatePoint(
            @Schema(description = "When the snapshot was taken.") Instant takenAt,
            @Schema(description = "Resources a Defender plan covered, every subscription and kind together.")
                    long covered,
            @Schema(description = "Resources counted, every subscription and kind together.") long total) {}

    /**
     * The whole estate's coverage over time, summed by the database: the last snapshot of each hour, so a week is 168
     * points whatever the estate's size (per subscription and kind, a week of a thousand subscriptions is millions).
     */
    public List<EstatePoint> estateHistory(Instant since) {
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("select taken_at, sum(covered), sum(total) from coverage_snapshot"
                        + " where taken_at in (select max(taken_at) from coverage_snapshot where taken_at >= :since"
                        + " group by date_trunc('hour', taken_at))"
                        + " group by taken_at order by taken_at")
                .setParameter("since", Timestamp.from(since))
                .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new EstatePoint(
                        row[0] instanceof Timestamp at ? at.toInstant() : (Instant) row[0],
                        ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue()))
                .toList();
    }

    public List<CoveragePoint> history(String subscriptionId, Instant since) {
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("select taken_at, subscription_id, kind, covered, total from coverage_snapshot"
                        + " where taken_at >= :since and (cast(:subscription as varchar) is null"
                        + " or subscription_id = :subscription) order by taken_at, subscription_id, kind")
                .setParameter("since", Timestamp.from(since))
                .setParameter("subscription", subscriptionId == null ? null : subscriptionId.toLowerCase(Locale.ROOT))
                .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new CoveragePoint(
                        row[0] instanceof Timestamp at ? at.toInstant() : (Instant) row[0],
                        (String) row[1],
                        (String) row[2],
                        ((Number) row[3]).longValue(),
                        ((Number) row[4]).longValue()))
                .toList();
    }

    private static Map<List<String>, long[]> perSubscriptionAndKind(CoverageReport report) {
        return report.rows().stream()
                .collect(Collectors.groupingBy(
                        row -> List.of(
                                row.subscriptionId().toLowerCase(Locale.ROOT),
                                row.kind().name()),
                        Collectors.reducing(
                                new long[2], (CoverageRow row) -> new long[] {row.covered(), row.resources()}, (a, b) ->
                                        new long[] {a[0] + b[0], a[1] + b[1]})));
    }
}
