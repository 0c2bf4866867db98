package io.coverwatch.evaluation.rest;

import io.coverwatch.evaluation.coverage.CoverageHistory;
import io.coverwatch.evaluation.coverage.CoverageHistory.CoveragePoint;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.coverage.CoverageReport;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.CoverageRow;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.PlanState;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.SubscriptionCoverage;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Defender coverage by subscription and resource kind: covered when the kind's plan is on in its subscription; kinds
 * no plan protects are blind spots, never covered.
 */
@Path("/api/coverage")
public class CoverageResource {

    /**
     * @param subscriptions each subscription's totals (blind spots count as not covered)
     * @param rows          one per subscription and kind, with the plan's state and sub-plan
     */
    public record Coverage(List<SubscriptionTotals> subscriptions, List<Row> rows) {}

    public record SubscriptionTotals(
            String subscriptionId, int resources, int covered, int blindSpots, double percentage) {

        static SubscriptionTotals of(SubscriptionCoverage coverage) {
            return new SubscriptionTotals(
                    coverage.subscriptionId(),
                    coverage.resources(),
                    coverage.covered(),
                    coverage.blindSpots(),
                    coverage.percentage());
        }
    }

    public record Row(
            String subscriptionId,
            ResourceKind kind,
            String resourceType,
            String plan,
            String subPlan,
            PlanState state,
            int resources,
            int covered,
            double percentage) {

        static Row of(CoverageRow row) {
            return new Row(
                    row.subscriptionId(),
                    row.kind(),
                    row.resourceType(),
                    row.plan(),
                    row.subPlan(),
                    row.state(),
                    row.resources(),
                    row.covered(),
                    row.percentage());
        }
    }

    private final CoverageHistory coverage;
    private final Clock clock;

    CoverageResource(CoverageHistory coverage, Clock clock) {
        this.coverage = coverage;
        this.clock = clock;
    }

    /**
     * @param productionOnly only resources of production subscriptions or tagged production (the 100 % target)
     */
    @RolesAllowed(Roles.READER)
    @GET
    public Coverage now(
            @QueryParam("subscription") String subscriptionId,
            @QueryParam("kind") ResourceKind kind,
            @QueryParam("productionOnly") @DefaultValue("false") boolean productionOnly) {
        CoverageReport report = coverage.now(
                productionOnly ? CoverageReport.Scope.PRODUCTION : CoverageReport.Scope.ALL, subscriptionId);
        List<CoverageRow> rows = report.rows().stream()
                .filter(row -> subscriptionId == null || row.subscriptionId().equalsIgnoreCase(subscriptionId))
                .filter(row -> kind == null || row.kind() == kind)
                .toList();
        return new Coverage(
                new CoverageReport(rows)
                        .bySubscription().values().stream()
                                .map(SubscriptionTotals::of)
                                .toList(),
                rows.stream().map(Row::of).toList());
    }

    /** Coverage over time, one point per subscription and kind per snapshot interval; at most a year back. */
    @RolesAllowed(Roles.READER)
    @GET
    @Path("/history")
    public List<CoveragePoint> history(
            @QueryParam("subscription") String subscriptionId,
            @QueryParam("days") @DefaultValue("7") @Min(1) @Max(366) int days) {
        return coverage.history(subscriptionId, clock.instant().minus(Duration.ofDays(days)));
    }
}
