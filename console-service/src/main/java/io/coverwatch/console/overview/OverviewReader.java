package io.coverwatch.console.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.ArmPath;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.findings.SeverityLabels;
import io.coverwatch.console.overview.EstateReadings.Coverage;
import io.coverwatch.console.overview.EstateReadings.CoverageRow;
import io.coverwatch.console.overview.EstateReadings.EstatePoint;
import io.coverwatch.console.overview.EstateReadings.FindingsSummary;
import io.coverwatch.console.overview.EstateReadings.Score;
import io.coverwatch.console.overview.EstateReadings.ScoreReport;
import io.coverwatch.console.overview.EstateReadings.SubscriptionTotals;
import io.coverwatch.contracts.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Reads the overview's parts from the APIs at once, and puts together whatever came back. */
@ApplicationScoped
class OverviewReader {

    /** How many not-monitored machines the overview names; the count is of them all. */
    static final int NOT_MONITORED_SHOWN = 50;

    /** The Defender plan that protects machines (VMs, Arc machines, Azure Local VMs). */
    private static final String SERVERS_PLAN = "VirtualMachines";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoverwatchApis apis;

    OverviewReader(CoverwatchApis apis) {
        this.apis = apis;
    }

    /** Subscriptions per page of the coverage map: a thousand rows would make the page a megabyte. */
    static final int MAP_PAGE = 50;

    /** @param mapPage the coverage map's page, from 0; one past the last shows the last */
    Overview read(String token, int mapPage) {
        CompletableFuture<Answer<Coverage>> coverage =
                apis.get(token, CoverwatchApi.EVALUATION, "/api/coverage", new TypeReference<>() {});
        CompletableFuture<Answer<ScoreReport>> score =
                apis.get(token, CoverwatchApi.EVALUATION, "/api/score?controls=false", new TypeReference<>() {});
        CompletableFuture<Answer<FindingsSummary>> open = apis.get(
                token,
                CoverwatchApi.EVALUATION,
                "/api/findings/summary?machines=" + NOT_MONITORED_SHOWN,
                new TypeReference<>() {});
        CompletableFuture<Answer<List<EstatePoint>>> history = apis.get(
                token, CoverwatchApi.EVALUATION, "/api/coverage/history/estate?days=7", new TypeReference<>() {});
        List<String> problems = new ArrayList<>();
        List<CoverageRow> rows = coverage.join().found().map(Coverage::rows).orElse(List.of());
        Map<String, SubscriptionTotals> subscriptions = new HashMap<>();
        coverage.join()
                .found()
                .map(Coverage::subscriptions)
                .orElse(List.of())
                .forEach(totals -> subscriptions.put(totals.subscriptionId().toLowerCase(Locale.ROOT), totals));
        coverage.join().problem().ifPresent(problem -> problems.add("Coverage map: " + problem));
        ScoreReport scores = score.join().found().orElse(null);
        score.join().problem().ifPresent(problem -> problems.add("Secure score: " + problem));
        FindingsSummary findings = open.join().found().orElse(null);
        open.join().problem().ifPresent(problem -> problems.add("Open findings: " + problem));
        List<EstatePoint> points = history.join().found().orElse(List.of());
        history.join().problem().ifPresent(problem -> problems.add("Coverage trend: " + problem));

        List<String> kinds = rows.stream()
                .map(CoverageRow::kind)
                .distinct()
                .sorted(Comparator.comparing((String kind) -> !isServers(rows, kind))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        List<Overview.MapRow> mapRows = mapRows(rows, kinds, subscriptions, scores);
        int pages = Math.max(1, (mapRows.size() + MAP_PAGE - 1) / MAP_PAGE);
        int page = Math.min(Math.max(0, mapPage), pages - 1);
        List<String> blindSpots = rows.stream()
                .filter(row -> "BLIND_SPOT".equals(row.state()))
                .map(row -> label(row.kind()))
                .distinct()
                .sorted()
                .toList();
        int machines = rows.stream()
                .filter(row -> SERVERS_PLAN.equals(row.plan()))
                .mapToInt(CoverageRow::resources)
                .sum();
        return new Overview(
                kinds.stream().map(OverviewReader::label).toList(),
                mapRows.subList(page * MAP_PAGE, Math.min(mapRows.size(), (page + 1) * MAP_PAGE)),
                new Overview.MapPage(page, pages, mapRows.size()),
                blindSpots,
                machines,
                findings == null ? 0 : findings.notMonitoredMachines(),
                findings == null ? List.of() : notMonitored(findings),
                findings == null ? List.of() : bySeverity(findings),
                scores == null || scores.overall() == null
                        ? null
                        : scores.overall().percentage(),
                scores == null ? null : scores.reckonedAt(),
                trend(points),
                trendSummary(points),
                problems);
    }

    private static List<Overview.MapRow> mapRows(
            List<CoverageRow> rows,
            List<String> kinds,
            Map<String, SubscriptionTotals> subscriptions,
            ScoreReport scores) {
        Map<String, Map<String, CoverageRow>> bySubscription = new TreeMap<>();
        rows.forEach(row -> bySubscription
                .computeIfAbsent(row.subscriptionId(), id -> new LinkedHashMap<>())
                .put(row.kind(), row));
        List<Overview.MapRow> mapRows = new ArrayList<>();
        bySubscription.forEach((subscriptionId, byKind) -> {
            List<Overview.Cell> cells = new ArrayList<>();
            int resources = 0;
            int covered = 0;
            for (String kind : kinds) {
                CoverageRow row = byKind.get(kind);
                cells.add(row == null ? null : cell(row));
                if (row != null) {
                    resources += row.resources();
                    covered += row.covered();
                }
            }
            SubscriptionTotals subscription = subscriptions.get(subscriptionId.toLowerCase(Locale.ROOT));
            boolean production = subscription != null && subscription.production();
            String name = subscription == null || subscription.name() == null ? subscriptionId : subscription.name();
            Score score = scores == null ? null : scores.subscriptions().get(subscriptionId.toLowerCase(Locale.ROOT));
            mapRows.add(new Overview.MapRow(
                    subscriptionId,
                    name,
                    production,
                    resources == 0 ? 0 : 100.0 * covered / resources,
                    score == null ? null : score.percentage(),
                    score == null || score.defender() == null
                            ? null
                            : score.defender().percentage(),
                    cells));
        });
        // Production first: its target is 100 %.
        mapRows.sort(
                Comparator.comparing((Overview.MapRow row) -> !row.production()).thenComparing(Overview.MapRow::name));
        return mapRows;
    }

    private static Overview.Cell cell(CoverageRow row) {
        String tone;
        if ("BLIND_SPOT".equals(row.state())) {
            tone = "blind";
        } else if (row.resources() > 0 && row.covered() == row.resources()) {
            tone = "full";
        } else if (row.covered() > 0) {
            tone = "partial";
        } else {
            tone = "none";
        }
        return new Overview.Cell(label(row.kind()), row.plan(), row.covered(), row.resources(), row.percentage(), tone);
    }

    private static List<Overview.NotMonitored> notMonitored(FindingsSummary summary) {
        return summary.notMonitored().stream()
                .map(machine -> new Overview.NotMonitored(
                        machine.resourceId(),
                        ArmPath.name(machine.resourceId()),
                        machine.diagnosis(),
                        machine.findingId()))
                .toList();
    }

    private static List<Overview.SeverityCount> bySeverity(FindingsSummary summary) {
        return Stream.of(Severity.values())
                .map(severity -> new Overview.SeverityCount(
                        SeverityLabels.label(severity), summary.open().getOrDefault(severity, 0L)))
                .toList();
    }

    /** The whole estate's line for the chart: {@code {"times": [...], "series": [{"name", "values"}]}}. */
    private static String trend(List<EstatePoint> points) {
        List<String> times =
                points.stream().map(point -> point.takenAt().toString()).toList();
        List<Double> values = points.stream()
                .map(point -> point.total() == 0 ? null : Math.round(1000.0 * point.covered() / point.total()) / 10.0)
                .toList();
        try {
            return JSON.writeValueAsString(
                    Map.of("times", times, "series", List.of(Map.of("name", "Whole estate", "values", values))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the trend", e);
        }
    }

    private static String trendSummary(List<EstatePoint> points) {
        if (points.isEmpty()) {
            return "No snapshot yet.";
        }
        EstatePoint last = points.get(points.size() - 1);
        return "From " + points.get(0).takenAt() + " to " + last.takenAt() + ": " + last.covered() + " of "
                + last.total() + " resources covered at the last snapshot.";
    }

    private static boolean isServers(List<CoverageRow> rows, String kind) {
        return rows.stream().anyMatch(row -> row.kind().equals(kind) && SERVERS_PLAN.equals(row.plan()));
    }

    /** {@code KEY_VAULT} as a column heading: {@code Key vault}. */
    static String label(String kind) {
        String words = kind.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
