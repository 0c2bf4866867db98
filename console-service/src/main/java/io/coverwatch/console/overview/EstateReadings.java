package io.coverwatch.console.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the overview reads from evaluation-service's and inventory-service's APIs: only the fields it shows. */
final class EstateReadings {

    private EstateReadings() {}

    record Coverage(List<CoverageRow> rows) {}

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

    record CoveragePoint(Instant takenAt, String subscriptionId, String kind, long covered, long total) {}

    record ScoreReport(Score overall, Map<String, Score> subscriptions) {}

    record Score(Double percentage, DefenderScore defender) {}

    record DefenderScore(double percentage) {}

    /** A subscription as inventory holds it: its display name and whether it is production (100 % target). */
    record Subscription(String id, String name, SubscriptionState state) {}

    record SubscriptionState(SubscriptionDetails details) {}

    record SubscriptionDetails(String displayName, Boolean production) {}
}
