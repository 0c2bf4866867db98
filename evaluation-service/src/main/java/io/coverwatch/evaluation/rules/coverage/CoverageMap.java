package io.coverwatch.evaluation.rules.coverage;

import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.CoverageRow;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.PlanState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coverage map a screen shows — subscriptions × resource kinds, each cell the share its Defender plan protects —
 * a page of subscriptions at a time, with what only the whole estate can say beside it: the kinds it holds, its blind
 * spots and its machines. A screen asks for the page it shows, so its work follows the page, not the estate: a
 * console that read the whole estate's rows to show fifty subscriptions parsed megabytes per overview at a thousand
 * subscriptions ({@code ./bench/run scale}).
 *
 * @param kinds         the map's columns: every kind the estate holds, in {@link ResourceKind} order (machines first)
 * @param blindSpots    the kinds the estate holds that no Defender plan protects
 * @param machines      the estate's machines: resources of the kinds Defender for Servers protects
 * @param subscriptions how many subscriptions the map has, on every page
 * @param rows          the page's subscriptions: production first (their target is 100 %), then by name, those whose
 *     name evaluation has not been told last (by ID)
 */
public record CoverageMap(
        List<ResourceKind> kinds, List<ResourceKind> blindSpots, long machines, int subscriptions, List<MapRow> rows) {

    public CoverageMap {
        kinds = List.copyOf(kinds);
        blindSpots = List.copyOf(blindSpots);
        rows = List.copyOf(rows);
    }

    /**
     * One subscription's row. Blind spots count as resources that are not covered, as in its {@link
     * CoverageReport.SubscriptionCoverage totals}.
     *
     * @param name  its display name; null while evaluation has not been told the subscription
     * @param cells one per column of {@link CoverageMap#kinds}, in that order; null where it holds none of the kind
     */
    public record MapRow(
            String subscriptionId, String name, boolean production, int resources, int covered, List<Cell> cells) {

        public MapRow {
            cells = Collections.unmodifiableList(new ArrayList<>(cells)); // List.copyOf refuses the nulls
        }

        public double percentage() {
            return resources == 0 ? 0 : 100.0 * covered / resources;
        }
    }

    /**
     * One kind in one subscription. Kinds without a model of their own are reported per ARM type; the cell is the
     * kind's, so it counts all of them (every such type is a blind spot, so the state is theirs too).
     *
     * @param plan    the pricing name of the plan that protects the kind; null for a blind spot
     * @param subPlan the plan's sub-plan when it is on, for example {@code P2}; null otherwise
     */
    public record Cell(ResourceKind kind, String plan, String subPlan, PlanState state, int resources, int covered) {

        public double percentage() {
            return resources == 0 ? 0 : 100.0 * covered / resources;
        }

        private Cell plus(CoverageRow row) {
            return new Cell(kind, plan, subPlan, state, resources + row.resources(), covered + row.covered());
        }

        private static Cell of(CoverageRow row) {
            return new Cell(row.kind(), row.plan(), row.subPlan(), row.state(), row.resources(), row.covered());
        }
    }

    /**
     * The map of a report, one page of it.
     *
     * @param subscriptions the subscriptions' details, by lower-cased ID (a row's name and production flag)
     * @param page          the page, from 0; past the last gives no rows (and still the estate's columns and totals)
     * @param size          subscriptions a page, at least 1
     */
    public static CoverageMap of(
            CoverageReport report, Map<String, SubscriptionDetails> subscriptions, int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page " + page + " and size " + size + ": page from 0, size from 1");
        }
        TreeSet<ResourceKind> kinds = new TreeSet<>();
        TreeSet<ResourceKind> blindSpots = new TreeSet<>();
        long machines = 0;
        Map<String, Map<ResourceKind, Cell>> cellsBySubscription = new TreeMap<>();
        for (CoverageRow row : report.rows()) {
            kinds.add(row.kind());
            if (row.state() == PlanState.BLIND_SPOT) {
                blindSpots.add(row.kind());
            }
            if (row.kind().isMachine()) {
                machines += row.resources();
            }
            cellsBySubscription
                    .computeIfAbsent(row.subscriptionId(), id -> new EnumMap<>(ResourceKind.class))
                    .merge(row.kind(), Cell.of(row), (cell, again) -> cell.plus(row));
        }
        List<MapRow> rows = new ArrayList<>(cellsBySubscription.size());
        cellsBySubscription.forEach((subscriptionId, byKind) -> {
            SubscriptionDetails details = subscriptions.get(subscriptionId);
            rows.add(new MapRow(
                    subscriptionId,
                    details == null ? null : details.displayName(),
                    details != null && details.production(),
                    byKind.values().stream().mapToInt(Cell::resources).sum(),
                    byKind.values().stream().mapToInt(Cell::covered).sum(),
                    kinds.stream().map(byKind::get).toList()));
        });
        rows.sort(Comparator.comparing((MapRow row) -> !row.production())
                .thenComparing(MapRow::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MapRow::subscriptionId));
        int from = (int) Math.min(rows.size(), (long) page * size);
        int to = (int) Math.min(rows.size(), (long) from + size);
        return new CoverageMap(
                List.copyOf(kinds), List.copyOf(blindSpots), machines, rows.size(), rows.subList(from, to));
    }
}
