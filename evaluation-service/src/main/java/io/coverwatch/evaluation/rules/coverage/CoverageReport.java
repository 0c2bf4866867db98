package io.coverwatch.evaluation.rules.coverage;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.rules.ResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Defender coverage per subscription × resource kind (DESIGN.md §3.1): a kind is covered in a subscription when the
 * plan that protects it is on (tier Standard) there. Kinds no plan protects are blind spots, reported as such and never
 * covered; they are not findings (a finding per NIC would flood the SOC).
 *
 * @param rows one per subscription and kind (per ARM type for kinds without a model), ordered by subscription
 */
public record CoverageReport(List<CoverageRow> rows) {

    /** Which resources a report counts. Production targets 100 %. */
    public enum Scope {
        ALL,
        /** Resources of a subscription marked production, or tagged {@code environment}/{@code env} prod/production. */
        PRODUCTION
    }

    public enum PlanState {
        /** The kind's plan is on in the subscription. */
        COVERED,
        /** The kind's plan is off (tier Free) or absent in the subscription. */
        NOT_COVERED,
        /** No Defender plan protects this kind. */
        BLIND_SPOT,
        /** The subscription has not been reported yet. */
        UNKNOWN
    }

    /**
     * @param resourceType the ARM type (lower-cased for kinds without a model, whose rows are per type)
     * @param plan         the pricing name of the plan that protects the kind; null for a blind spot
     * @param subPlan      the plan's sub-plan when it is on, for example {@code P2}; null otherwise
     */
    public record CoverageRow(
            String subscriptionId,
            ResourceKind kind,
            String resourceType,
            String plan,
            String subPlan,
            PlanState state,
            int resources) {

        public int covered() {
            return state == PlanState.COVERED ? resources : 0;
        }

        public double percentage() {
            return resources == 0 ? 0 : 100.0 * covered() / resources;
        }
    }

    /** A subscription's totals; blind spots count as resources that are not covered. */
    public record SubscriptionCoverage(String subscriptionId, int resources, int covered, int blindSpots) {

        public double percentage() {
            return resources == 0 ? 0 : 100.0 * covered / resources;
        }
    }

    private static final Set<String> PRODUCTION_TAGS = Set.of("environment", "env");
    private static final Set<String> PRODUCTION_VALUES = Set.of("prod", "production");

    public CoverageReport {
        rows = List.copyOf(rows);
    }

    /**
     * How many resources of one ARM type a subscription holds, tagged production or not: what a report counts.
     *
     * @param productionTagged whether these resources are {@linkplain #productionTagged tagged production}
     */
    public record TypeCount(String subscriptionId, String resourceType, boolean productionTagged, long resources) {}

    /**
     * The report over an inventory: its subscriptions' plans and the resources in them. Subscriptions themselves are
     * not counted.
     */
    public static CoverageReport of(Collection<AzureResource> inventory, Scope scope) {
        Map<String, SubscriptionDetails> subscriptions = inventory.stream()
                .filter(resource -> resource.details() instanceof SubscriptionDetails)
                .filter(resource -> resource.subscriptionId() != null)
                .collect(Collectors.toMap(
                        resource -> key(resource.subscriptionId()),
                        resource -> (SubscriptionDetails) resource.details(),
                        (first, second) -> first));
        List<TypeCount> counts = inventory.stream()
                .filter(resource -> resource.subscriptionId() != null)
                .map(resource ->
                        new TypeCount(resource.subscriptionId(), resource.type(), productionTagged(resource), 1))
                .toList();
        return of(subscriptions, counts, scope);
    }

    /**
     * The report from resources counted per subscription and type (a database counts them, so the estate never has to
     * be in memory). Subscriptions themselves are not counted.
     *
     * @param subscriptions the subscriptions' details, by lower-cased subscription ID
     */
    public static CoverageReport of(
            Map<String, SubscriptionDetails> subscriptions, Collection<TypeCount> counts, Scope scope) {
        Map<RowKey, Long> rows = counts.stream()
                .filter(count -> ResourceKind.of(count.resourceType()) != ResourceKind.SUBSCRIPTION)
                .filter(count -> scope == Scope.ALL
                        || count.productionTagged()
                        || Optional.ofNullable(subscriptions.get(key(count.subscriptionId())))
                                .map(SubscriptionDetails::production)
                                .orElse(false))
                .collect(Collectors.groupingBy(
                        count -> RowKey.of(count.subscriptionId(), count.resourceType()),
                        TreeMap::new,
                        Collectors.summingLong(TypeCount::resources)));
        List<CoverageRow> report = new ArrayList<>();
        rows.forEach((row, count) ->
                report.add(row(row, Optional.ofNullable(subscriptions.get(row.subscriptionId())), count)));
        return new CoverageReport(report);
    }

    /** Production: the subscription is marked production, or the resource is tagged environment/env prod/production. */
    public static boolean production(AzureResource resource, Optional<SubscriptionDetails> subscription) {
        return subscription.map(SubscriptionDetails::production).orElse(false) || productionTagged(resource);
    }

    /** Tagged {@code environment} or {@code env} with {@code prod} or {@code production}, in any case. */
    public static boolean productionTagged(AzureResource resource) {
        return resource.tags().entrySet().stream()
                .anyMatch(tag -> PRODUCTION_TAGS.contains(key(tag.getKey()))
                        && tag.getValue() != null
                        && PRODUCTION_VALUES.contains(key(tag.getValue())));
    }

    public List<CoverageRow> blindSpots() {
        return rows.stream().filter(row -> row.state() == PlanState.BLIND_SPOT).toList();
    }

    /** Totals per subscription ID (lower-cased), in ID order. */
    public Map<String, SubscriptionCoverage> bySubscription() {
        return rows.stream()
                .collect(Collectors.groupingBy(CoverageRow::subscriptionId, TreeMap::new, Collectors.toList()))
                .values()
                .stream()
                .map(CoverageReport::totals)
                .collect(Collectors.toMap(
                        SubscriptionCoverage::subscriptionId,
                        Function.identity(),
                        (first, second) -> first,
                        LinkedHashMap::new));
    }

    private static SubscriptionCoverage totals(List<CoverageRow> rows) {
        return new SubscriptionCoverage(
                rows.get(0).subscriptionId(),
                rows.stream().mapToInt(CoverageRow::resources).sum(),
                rows.stream().mapToInt(CoverageRow::covered).sum(),
                rows.stream()
                        .filter(row -> row.state() == PlanState.BLIND_SPOT)
                        .mapToInt(CoverageRow::resources)
                        .sum());
    }

    private static CoverageRow row(RowKey key, Optional<SubscriptionDetails> subscription, long count) {
        Optional<String> plan = key.kind().defenderPlan();
        Optional<DefenderPlan> onPlan = plan.flatMap(name -> subscription.flatMap(details -> details.plan(name)))
                .filter(DefenderPlan::enabled);
        PlanState state;
        if (plan.isEmpty()) {
            state = PlanState.BLIND_SPOT;
        } else if (subscription.isEmpty()) {
            state = PlanState.UNKNOWN;
        } else {
            state = onPlan.isPresent() ? PlanState.COVERED : PlanState.NOT_COVERED;
        }
        return new CoverageRow(
                key.subscriptionId(),
                key.kind(),
                key.resourceType(),
                plan.orElse(null),
                onPlan.map(DefenderPlan::subPlan).orElse(null),
                state,
                Math.toIntExact(count));
    }

    private static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** A row's identity: kinds with a model are one row each; other resources one row per ARM type. */
    private record RowKey(String subscriptionId, ResourceKind kind, String resourceType) implements Comparable<RowKey> {

        private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::subscriptionId)
                .thenComparing(RowKey::kind)
                .thenComparing(RowKey::resourceType);

        static RowKey of(String subscriptionId, String type) {
            ResourceKind kind = ResourceKind.of(type);
            return new RowKey(key(subscriptionId), kind, kind.armType().orElse(key(type)));
        }

        @Override
        public int compareTo(RowKey other) {
            return ORDER.compare(this, other);
        }
    }
}
