package io.coverwatch.evaluation.rules.score;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.RuleCatalog;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A secure-score-style figure (DESIGN.md §3.8): per control, {@code maxPoints × healthy / (healthy + unhealthy)} over
 * the resources its rules evaluated; the total is the sum of current points over the sum of the evaluated controls'
 * maximum. A resource is healthy in a control when none of its outcomes there fails; an excluded failure does not
 * count, and a resource only excluded failures touch is not counted at all.
 *
 * <p>It is reckoned from counts, never from one outcome per resource and rule, so that a million resources cost the
 * service no memory: every resource of a kind passes the catalog rules of its kind unless a finding that is not
 * resolved says otherwise, so only the resources with findings (or Defender assessments) are told apart.
 */
public record SecureScore(List<ControlScore> controls) {

    /** How many catalog rules evaluate each kind in each control. */
    private static final Map<ResourceKind, Map<Control, Integer>> CATALOG_RULES = countCatalogRules();

    public SecureScore {
        controls = List.copyOf(controls);
    }

    /**
     * One score per subscription ID (lower-cased), in ID order.
     *
     * @param estate  every resource, counted per subscription and kind
     * @param touched the resources with findings or assessments, per control (each of them is also in {@code estate})
     */
    public static Map<String, SecureScore> perSubscription(
            Collection<KindCount> estate, Collection<ControlOutcomes> touched) {
        Map<String, Map<Control, long[]>> tallies = new TreeMap<>(); // {healthy, unhealthy} per control
        for (KindCount count : estate) {
            for (Control control : Control.values()) {
                if (catalogRules(count.kind(), control) > 0) {
                    tally(tallies, count.subscriptionId(), control)[0] += count.resources();
                }
            }
        }
        for (ControlOutcomes outcomes : touched) {
            long[] tally = tally(tallies, outcomes.subscriptionId(), outcomes.control());
            int rules = catalogRules(outcomes.kind(), outcomes.control());
            if (rules > 0) {
                tally[0] -= outcomes.resources(); // counted as passing every rule above
            }
            if (outcomes.failing()) {
                tally[1] += outcomes.resources();
            } else if (outcomes.excluded() < rules + outcomes.assessments()) {
                tally[0] += outcomes.resources();
            }
        }
        Map<String, SecureScore> scores = new TreeMap<>();
        tallies.forEach((subscription, byControl) -> scores.put(
                subscription,
                new SecureScore(Arrays.stream(Control.values())
                        .map(control -> {
                            long[] tally = byControl.getOrDefault(control, new long[2]);
                            return new ControlScore(control, Math.toIntExact(tally[0]), Math.toIntExact(tally[1]));
                        })
                        .toList())));
        return scores;
    }

    /** The score of several subscriptions together: each control's resources added up. */
    public static SecureScore total(Collection<SecureScore> scores) {
        return new SecureScore(Arrays.stream(Control.values())
                .map(control -> {
                    int healthy = 0;
                    int unhealthy = 0;
                    for (SecureScore score : scores) {
                        ControlScore each = score.controls().get(control.ordinal());
                        healthy += each.healthy();
                        unhealthy += each.unhealthy();
                    }
                    return new ControlScore(control, healthy, unhealthy);
                })
                .toList());
    }

    /** How many of the catalog's rules evaluate a resource of {@code kind} in {@code control}. */
    public static int catalogRules(ResourceKind kind, Control control) {
        return CATALOG_RULES.get(kind).getOrDefault(control, 0);
    }

    private static Map<ResourceKind, Map<Control, Integer>> countCatalogRules() {
        Map<ResourceKind, Map<Control, Integer>> rules = new EnumMap<>(ResourceKind.class);
        for (ResourceKind kind : ResourceKind.values()) {
            Map<Control, Integer> byControl = new EnumMap<>(Control.class);
            RuleCatalog.ALL.stream()
                    .filter(rule -> rule.kinds().contains(kind))
                    .forEach(rule -> byControl.merge(rule.control(), 1, Integer::sum));
            rules.put(kind, byControl);
        }
        return rules;
    }

    private static long[] tally(Map<String, Map<Control, long[]>> tallies, String subscriptionId, Control control) {
        return tallies.computeIfAbsent(AzureResource.normalizeId(subscriptionId), id -> new EnumMap<>(Control.class))
                .computeIfAbsent(control, each -> new long[2]);
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
