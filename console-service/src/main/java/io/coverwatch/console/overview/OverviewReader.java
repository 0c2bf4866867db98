package io.coverwatch.console.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.ArmPath;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.findings.SeverityLabels;
import io.coverwatch.console.overview.EstateReadings.CoverageMap;
import io.coverwatch.console.overview.EstateReadings.EstatePoint;
import io.coverwatch.console.overview.EstateReadings.FindingsSummary;
import io.coverwatch.console.overview.EstateReadings.Score;
import io.coverwatch.console.overview.EstateReadings.ScoreReport;
import io.coverwatch.contracts.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Reads the overview's parts from the APIs at once, and puts together whatever came back. */
@ApplicationScoped
class OverviewReader {

    /** How many not-monitored machines the overview names; the count is of them all. */
    static final int NOT_MONITORED_SHOWN = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoverwatchApis apis;

    OverviewReader(CoverwatchApis apis) {
        this.apis = apis;
    }

    /** Subscriptions per page of the coverage map: a thousand rows would make the page a megabyte. */
    static final int MAP_PAGE = 50;

    /** @param mapPage the coverage map's page, from 0; one past the last shows the last */
    Overview read(String token, int mapPage) {
        int askedPage = Math.max(0, mapPage);
        CompletableFuture<Answer<CoverageMap>> coverage = map(token, askedPage);
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
        Answer<CoverageMap> mapAnswer = coverage.join();
        int page = askedPage;
        int pages = mapAnswer.found().map(OverviewReader::pages).orElse(1);
        if (page >= pages) {
            // A page past the last (a bookmark kept while subscriptions went): the last, asked for again.
            page = pages - 1;
            mapAnswer = map(token, page).join();
        }
        CoverageMap map = mapAnswer.found().orElse(null);
        mapAnswer.problem().ifPresent(problem -> problems.add("Coverage map: " + problem));
        ScoreReport scores = score.join().found().orElse(null);
        score.join().problem().ifPresent(problem -> problems.add("Secure score: " + problem));
        FindingsSummary findings = open.join().found().orElse(null);
        open.join().problem().ifPresent(problem -> problems.add("Open findings: " + problem));
        List<EstatePoint> points = history.join().found().orElse(List.of());
        history.join().problem().ifPresent(problem -> problems.add("Coverage trend: " + problem));

        List<String> kinds = map == null ? List.of() : map.kinds();
        return new Overview(
                kinds.stream().map(OverviewReader::label).toList(),
                map == null ? List.of() : mapRows(map, scores),
                new Overview.MapPage(page, pages, map == null ? 0 : map.subscriptions()),
                map == null
                        ? List.of()
                        : map.blindSpots().stream()
                                .map(OverviewReader::label)
                                .sorted()
                                .toList(),
                map == null ? 0 : map.machines(),
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

    /** One page of the map: evaluation sorts and pages it, so the console reads fifty rows, not the estate's. */
    private CompletableFuture<Answer<CoverageMap>> map(String token, int page) {
        return apis.get(
                token,
                CoverwatchApi.EVALUATION,
                "/api/coverage/map?page=" + page + "&size=" + MAP_PAGE,
                new TypeReference<>() {});
    }

    private static int pages(CoverageMap map) {
        return Math.max(1, (map.subscriptions() + MAP_PAGE - 1) / MAP_PAGE);
    }

    private static List<Overview.MapRow> mapRows(CoverageMap map, ScoreReport scores) {
        List<Overview.MapRow> rows = new ArrayList<>(map.rows().size());
        for (EstateReadings.MapRow row : map.rows()) {
            List<Overview.Cell> cells = new ArrayList<>(map.kinds().size());
            for (int column = 0; column < map.kinds().size(); column++) {
                EstateReadings.Cell cell =
                        column < row.cells().size() ? row.cells().get(column) : null;
                cells.add(cell == null ? null : cell(map.kinds().get(column), cell));
            }
            Score score = scores == null
                    ? null
                    : scores.subscriptions().get(row.subscriptionId().toLowerCase(Locale.ROOT));
            rows.add(new Overview.MapRow(
                    row.subscriptionId(),
                    row.name() == null ? row.subscriptionId() : row.name(),
                    row.production(),
                    row.percentage(),
                    score == null ? null : score.percentage(),
                    score == null || score.defender() == null
                            ? null
                            : score.defender().percentage(),
                    cells));
        }
        return rows;
    }

    private static Overview.Cell cell(String kind, EstateReadings.Cell cell) {
        String tone;
        if ("BLIND_SPOT".equals(cell.state())) {
            tone = "blind";
        } else if (cell.resources() > 0 && cell.covered() == cell.resources()) {
            tone = "full";
        } else if (cell.covered() > 0) {
            tone = "partial";
        } else {
            tone = "none";
        }
        return new Overview.Cell(label(kind), cell.plan(), cell.covered(), cell.resources(), cell.percentage(), tone);
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

    /** {@code KEY_VAULT} as a column heading: {@code Key vault}. */
    static String label(String kind) {
        String words = kind.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
