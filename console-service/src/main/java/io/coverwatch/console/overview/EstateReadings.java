package io.coverwatch.console.overview;

import io.coverwatch.contracts.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the overview reads from evaluation-service's API: only the fields it shows. */
final class EstateReadings {

    private EstateReadings() {}

    record Coverage(List<SubscriptionTotals> subscriptions, List<CoverageRow> rows) {}

    /** A subscription's display name (null while evaluation has not been told it) and its 100 % target. */
    record SubscriptionTotals(String subscriptionId, String name, boolean production) {}

    /** One subscription and kind; {@code state} is COVERED, NOT_COVERED, BLIND_SPOT or UNKNOWN. */
    record CoverageRow(
            String subscriptionId,
            String kind,
            String plan,
            String subPlan,
            String state,
            int resources,
            int covered,
            double percentage) {}

    /** The whole estate's coverage at one snapshot (the last of its hour). */
    record EstatePoint(Instant takenAt, long covered, long total) {}

    /** Open findings per severity, and the machines that are not monitored: how many, and the first of them. */
    record FindingsSummary(Map<Severity, Long> open, long notMonitoredMachines, List<NotMonitored> notMonitored) {}

    record NotMonitored(String resourceId, String findingId, String diagnosis) {}

    record ScoreReport(Score overall, Map<String, Score> subscriptions, Instant reckonedAt) {}

    record Score(Double percentage, DefenderScore defender) {}

    record DefenderScore(double percentage) {}
}
