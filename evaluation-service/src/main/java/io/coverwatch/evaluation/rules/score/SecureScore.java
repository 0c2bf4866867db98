package io.coverwatch.evaluation.rules.score;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.Verdict;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A secure-score-style figure (DESIGN.md §3.8): per control, {@code maxPoints × healthy / (healthy + unhealthy)} over
 * the resources its rules evaluated; the total is the sum of current points over the sum of the evaluated controls'
 * maximum. Unknown outcomes and excluded failures do not count: a resource only they touch is not counted at all.
 */
public record SecureScore(List<ControlScore> controls) {

    public SecureScore {
        controls = List.copyOf(controls);
    }

    /** The score over all these outcomes (everything, or one subscription's). */
    public static SecureScore compute(Collection<ScoredOutcome> outcomes) {
        Map<Control, Map<String, Boolean>> healthByControl = new EnumMap<>(Control.class);
        for (ScoredOutcome scored : outcomes) {
            Verdict verdict = scored.outcome().verdict();
            boolean excluded = scored.outcome().exclusionReason() != null;
            if (verdict instanceof Verdict.Unknown || (verdict instanceof Verdict.Fail && excluded)) {
                continue;
            }
            boolean healthy = verdict instanceof Verdict.Pass;
            healthByControl
                    .computeIfAbsent(scored.outcome().rule().control(), control -> new HashMap<>())
                    .merge(AzureResource.normalizeId(scored.outcome().resourceId()), healthy, Boolean::logicalAnd);
        }
        return new SecureScore(Arrays.stream(Control.values())
                .map(control -> {
                    Collection<Boolean> resources =
                            healthByControl.getOrDefault(control, Map.of()).values();
                    int healthy = (int)
                            resources.stream().filter(Boolean::booleanValue).count();
                    return new ControlScore(control, healthy, resources.size() - healthy);
                })
                .toList());
    }

    /** One score per subscription ID (lower-cased), in ID order. */
    public static Map<String, SecureScore> perSubscription(Collection<ScoredOutcome> outcomes) {
        return outcomes.stream()
                .collect(Collectors.groupingBy(
                        scored -> AzureResource.normalizeId(scored.subscriptionId()),
                        TreeMap::new,
                        Collectors.toList()))
                .entrySet()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> compute(entry.getValue()), (a, b) -> a, TreeMap::new));
    }

    public double currentPoints() {
        return controls.stream().mapToDouble(ControlScore::currentPoints).sum();
    }

    /** The sum of the evaluated controls' maximum points. */
    public int maxPoints() {
        return controls.stream()
                .filter(ControlScore::evaluated)
                .mapToInt(score -> score.control().maxPoints())
                .sum();
    }

    /** Current over maximum, as a percentage; empty when no control evaluated anything. */
    public OptionalDouble percentage() {
        int max = maxPoints();
        return max == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * currentPoints() / max);
    }
}
