package io.coverwatch.console.overview;

import io.coverwatch.contracts.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the overview reads from evaluation-service's API: only the fields it shows. */
final class EstateReadings {

    private EstateReadings() {}

    /**
     * A page of the coverage map, with the estate's columns and totals.
     *
     * @param kinds         the columns, machines first (resource kinds such as {@code KEY_VAULT})
     * @param blindSpots    the kinds the estate holds that no Defender plan protects
     * @param machines      the estate's machines (the kinds Defender for Servers protects)
     * @param subscriptions how many subscriptions the map has, on every page
     */
    record CoverageMap(
            List<String> kinds, List<String> blindSpots, long machines, int subscriptions, List<MapRow> rows) {}

    /**
     * A subscription's display name (null while evaluation has not been told it), its 100 % target, and a cell per
     * column (null where it holds none of the kind).
     */
    record MapRow(String subscriptionId, String name, boolean production, double percentage, List<Cell> cells) {}

    /** {@code state} is COVERED, NOT_COVERED, BLIND_SPOT or UNKNOWN. */
    record Cell(String plan, String state, int resources, int covered, double percentage) {}

    /** The whole estate's coverage at one snapshot (the last of its hour). */
    record EstatePoint(Instant takenAt, long covered, long total) {}

    /** Open findings per severity, and the machines that are not monitored: how many, and the first of them. */
    record FindingsSummary(Map<Severity, Long> open, long notMonitoredMachines, List<NotMonitored> notMonitored) {}

    record NotMonitored(String resourceId, String findingId, String diagnosis) {}

    record ScoreReport(Score overall, Map<String, Score> subscriptions, Instant reckonedAt) {}

    record Score(Double percentage, DefenderScore defender) {}

    record DefenderScore(double percentage) {}
}
