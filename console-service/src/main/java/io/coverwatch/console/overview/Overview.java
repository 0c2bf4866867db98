package io.coverwatch.console.overview;

import java.time.Instant;
import java.util.List;

/**
 * The overview as the page shows it.
 *
 * @param kinds         the coverage map's columns, in the rows' order
 * @param rows          one page of the map's subscriptions, production first
 * @param mapPage       which page of the map that is
 * @param notMonitoredMachines how many machines are not monitored: an open finding of a monitoring-agent rule, or a
 *                             troubleshooting walk that failed a step
 * @param notMonitored  the first of them by resource ID
 * @param bySeverity    open findings per severity, High first
 * @param scoreReckonedAt when the secure score's findings and assessments were read; null without a score
 * @param trend         the coverage history as JSON for the chart: {@code {"times": [...], "series": [...]}}
 * @param problems      the parts that could not be read, and from which service
 */
public record Overview(
        List<String> kinds,
        List<MapRow> rows,
        MapPage mapPage,
        List<String> blindSpots,
        long machines,
        long notMonitoredMachines,
        List<NotMonitored> notMonitored,
        List<SeverityCount> bySeverity,
        Double overallScore,
        Instant scoreReckonedAt,
        String trend,
        String trendSummary,
        List<String> problems) {

    public String overallScoreLabel() {
        return percent(overallScore);
    }

    static String percent(Double value) {
        return value == null ? "–" : Math.round(value) + " %";
    }

    public long monitored() {
        return Math.max(0, machines - notMonitoredMachines);
    }

    /**
     * One subscription's row of the map.
     *
     * @param cells one per kind of {@link Overview#kinds()}; null where the subscription has none of that kind
     */
    public record MapRow(
            String subscriptionId,
            String name,
            boolean production,
            double percentage,
            Double score,
            Double defenderScore,
            List<Cell> cells) {

        /** Rounded down, so a production subscription at 99.6 % does not read as on target. */
        public String totalLabel() {
            return (int) Math.floor(percentage) + " %";
        }

        public boolean belowTarget() {
            return production && percentage < 100;
        }

        public String scoreLabel() {
            return percent(score);
        }

        public String defenderLabel() {
            return percent(defenderScore);
        }
    }

    /** @param tone {@code full}, {@code partial}, {@code none} or {@code blind}, for the cell's colour */
    public record Cell(String kind, String plan, int covered, int resources, double percentage, String tone) {

        public String label() {
            return "blind".equals(tone) ? "no plan" : (int) Math.floor(percentage) + " %";
        }
    }

    /**
     * A page of the coverage map.
     *
     * @param page          from 0
     * @param pages         how many there are (at least 1)
     * @param subscriptions how many subscriptions the map has in all
     */
    public record MapPage(int page, int pages, int subscriptions) {

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }

        public boolean more() {
            return page + 1 < pages;
        }

        /** The first subscription shown, counted from 1. */
        public int first() {
            return Math.min(subscriptions, page * OverviewReader.MAP_PAGE + 1);
        }

        public int last() {
            return Math.min(subscriptions, (page + 1) * OverviewReader.MAP_PAGE);
        }
    }

    /** @param findingId the finding that names why */
    public record NotMonitored(String resourceId, String name, String reason, String findingId) {}

    /** @param count at most the page size the API gives; {@code capped} when there are more */
    public record SeverityCount(String severity, long count) {}
}
