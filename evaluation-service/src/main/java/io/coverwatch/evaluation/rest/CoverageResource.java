package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.coverage.CoverageHistory;
import io.coverwatch.evaluation.coverage.CoverageHistory.CoverageNow;
import io.coverwatch.evaluation.coverage.CoverageHistory.CoveragePoint;
import io.coverwatch.evaluation.coverage.CoverageHistory.EstatePoint;
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
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Defender coverage by subscription and resource kind: covered when the kind's plan is on in its subscription; kinds
 * no plan protects are blind spots, never covered.
 */
@Path("/api/coverage")
@Tag(name = "Coverage", description = "Which resources a Defender plan covers, now and over time.")
public class CoverageResource {

    /**
     * @param subscriptions each subscription's totals (blind spots count as not covered)
     * @param rows          one per subscription and kind, with the plan's state and sub-plan
     */
    @Schema(description = "Defender coverage now, per subscription and per subscription and kind.")
    public record Coverage(
            @Schema(description = "Each subscription's totals; blind spots count as not covered.")
                    List<SubscriptionTotals> subscriptions,
            @Schema(description = "One row per subscription and resource kind, with its plan's state.")
                    List<Row> rows) {}

    /**
     * @param name       the subscription's display name; null while evaluation has not been told the subscription
     * @param production whether the subscription is a production one, whose target is 100 %
     */
    @Schema(description = "One subscription's coverage totals.")
    public record SubscriptionTotals(
            @Schema(description = "The subscription's ID.") String subscriptionId,
            @Schema(description = "Its display name; null while evaluation has not been told the subscription.")
                    String name,
            @Schema(description = "Whether it is a production subscription, whose target is 100 %.") boolean production,
            @Schema(description = "Its resources counted.") int resources,
            @Schema(description = "Those a Defender plan covers.") int covered,
            @Schema(description = "Those of a kind no Defender plan protects.") int blindSpots,
            @Schema(description = "covered as a percentage of resources.") double percentage) {

        static SubscriptionTotals of(SubscriptionCoverage coverage, SubscriptionDetails details) {
            return new SubscriptionTotals(
                    coverage.subscriptionId(),
                    details == null ? null : details.displayName(),
                    details != null && details.production(),
                    coverage.resources(),
                    coverage.covered(),
                    coverage.blindSpots(),
                    coverage.percentage());
        }
    }

    @Schema(description = "Coverage of one resource kind in one subscription.")
    public record Row(
            @Schema(description = "The subscription's ID.") String subscriptionId,
            @Schema(description = "The resource kind.") ResourceKind kind,
            @Schema(description = "The kind's ARM type.") String resourceType,
            @Schema(description = "The Defender plan that protects the kind (its pricing name); null for none.")
                    String plan,
            @Schema(description = "The plan's sub-plan in the subscription, for example P2; null when none.")
                    String subPlan,
            @Schema(description = "Whether the plan is on in the subscription.") PlanState state,
            @Schema(description = "Resources of the kind.") int resources,
            @Schema(description = "Those covered.") int covered,
            @Schema(description = "covered as a percentage of resources.") double percentage) {

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
    @Operation(
            summary = "Show coverage now",
            description = "Defender coverage by subscription and resource kind: a resource is covered when its kind's"
                    + " plan is on in its subscription; kinds no plan protects are blind spots, never covered. Needs"
                    + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "Coverage now.")
    @APIResponse(responseCode = "400", description = "A parameter past 1,024 characters or with a control character.")
    public Coverage now(
            @Parameter(description = "Only this subscription (its ID, any case).") @QueryParam("subscription")
                    String subscriptionId,
            @Parameter(description = "Only this resource kind, for example VIRTUAL_MACHINE.") @QueryParam("kind")
                    ResourceKind kind,
            @Parameter(
                            description = "Only resources of production subscriptions or tagged production (the"
                                    + " 100 % target).")
                    @QueryParam("productionOnly")
                    @DefaultValue("false")
                    boolean productionOnly) {
        CoverageNow now = coverage.now(
                productionOnly ? CoverageReport.Scope.PRODUCTION : CoverageReport.Scope.ALL, subscriptionId);
        List<CoverageRow> rows = now.report().rows().stream()
                .filter(row -> subscriptionId == null || row.subscriptionId().equalsIgnoreCase(subscriptionId))
                .filter(row -> kind == null || row.kind() == kind)
                .toList();
        return new Coverage(
                new CoverageReport(rows)
                        .bySubscription().values().stream()
                                .map(totals -> SubscriptionTotals.of(
                                        totals,
                                        now.subscriptions()
                                                .get(totals.subscriptionId().toLowerCase(Locale.ROOT))))
                                .toList(),
                rows.stream().map(Row::of).toList());
    }

    /** Coverage over time, one point per subscription and kind per snapshot interval; at most a year back. */
    @RolesAllowed(Roles.READER)
    @GET
    @Path("/history")
    @Operation(
            summary = "Show coverage over time",
            description = "Coverage snapshots, one point per subscription and kind per snapshot interval, for the"
                    + " last days. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The points, oldest first.")
    @APIResponse(responseCode = "400", description = "days out of 1 to 366, or a parameter out of bounds.")
    public List<CoveragePoint> history(
            @Parameter(description = "Only this subscription (its ID).") @QueryParam("subscription")
                    String subscriptionId,
            @Parameter(description = "How many days back, 1 to 366.")
                    @QueryParam("days")
                    @DefaultValue("7")
                    @Min(1)
                    @Max(366)
                    int days) {
        return coverage.history(subscriptionId, clock.instant().minus(Duration.ofDays(days)));
    }

    /** The whole estate's coverage over time: the last snapshot of each hour, summed; at most a year back. */
    @RolesAllowed(Roles.READER)
    @GET
    @Path("/history/estate")
    @Operation(
            summary = "Show the whole estate's coverage over time",
            description = "The last coverage snapshot of each hour, every subscription and kind summed, for the last"
                    + " days: a week is 168 points whatever the estate's size. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The points, oldest first.")
    @APIResponse(responseCode = "400", description = "days out of 1 to 366.")
    public List<EstatePoint> estateHistory(
            @Parameter(description = "How many days back, 1 to 366.")
                    @QueryParam("days")
                    @DefaultValue("7")
                    @Min(1)
                    @Max(366)
                    int days) {
        return coverage.estateHistory(clock.instant().minus(Duration.ofDays(days)));
    }
}
