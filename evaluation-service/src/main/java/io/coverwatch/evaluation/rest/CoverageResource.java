package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.coverage.CoverageHistory;
import io.coverwatch.evaluation.coverage.CoverageHistory.CoverageNow;
import io.coverwatch.evaluation.coverage.CoverageHistory.CoveragePoint;
import io.coverwatch.evaluation.coverage.CoverageHistory.EstatePoint;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.coverage.CoverageMap;
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

    /**
     * @param kinds the map's columns, machines first
     * @param rows  the page's subscriptions, production first, then by name
     */
    @Schema(
            description = "The coverage map: a page of subscriptions × resource kinds, with the estate's columns and"
                    + " totals.")
    public record MapPage(
            @Schema(description = "The columns: every resource kind the estate holds, machines first.")
                    List<ResourceKind> kinds,
            @Schema(description = "The kinds the estate holds that no Defender plan protects.")
                    List<ResourceKind> blindSpots,
            @Schema(description = "The estate's machines: resources of the kinds Defender for Servers protects.")
                    long machines,
            @Schema(description = "How many subscriptions the map has, on every page.") int subscriptions,
            @Schema(description = "The page, from 0.") int page,
            @Schema(description = "Subscriptions a page.") int size,
            @Schema(
                            description = "The page's subscriptions: production first (their target is 100 %), then"
                                    + " by name; those without a name yet last, by ID.")
                    List<MapRow> rows) {}

    @Schema(description = "One subscription's row of the coverage map.")
    public record MapRow(
            @Schema(description = "The subscription's ID, lower-cased.") String subscriptionId,
            @Schema(description = "Its display name; null while evaluation has not been told the subscription.")
                    String name,
            @Schema(description = "Whether it is a production subscription, whose target is 100 %.") boolean production,
            @Schema(description = "Its resources counted; blind spots count as not covered.") int resources,
            @Schema(description = "Those a Defender plan covers.") int covered,
            @Schema(description = "covered as a percentage of resources.") double percentage,
            @Schema(description = "One per column of kinds, in that order; null where it holds none of the kind.")
                    List<Cell> cells) {

        static MapRow of(CoverageMap.MapRow row) {
            return new MapRow(
                    row.subscriptionId(),
                    row.name(),
                    row.production(),
                    row.resources(),
                    row.covered(),
                    row.percentage(),
                    row.cells().stream().map(Cell::of).toList());
        }
    }

    @Schema(description = "One resource kind in one subscription: every ARM type of the kind counted.")
    public record Cell(
            @Schema(description = "The Defender plan that protects the kind (its pricing name); null for none.")
                    String plan,
            @Schema(description = "The plan's sub-plan in the subscription, for example P2; null when none.")
                    String subPlan,
            @Schema(description = "Whether the plan is on in the subscription.") PlanState state,
            @Schema(description = "Resources of the kind.") int resources,
            @Schema(description = "Those covered.") int covered,
            @Schema(description = "covered as a percentage of resources.") double percentage) {

        static Cell of(CoverageMap.Cell cell) {
            return cell == null
                    ? null
                    : new Cell(
                            cell.plan(),
                            cell.subPlan(),
                            cell.state(),
                            cell.resources(),
                            cell.covered(),
                            cell.percentage());
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

    /** The coverage map a page at a time: what a screen shows, with work that follows the page, not the estate. */
    @RolesAllowed(Roles.READER)
    @GET
    @Path("/map")
    @Operation(
            summary = "Show the coverage map, a page of subscriptions at a time",
            description = "Subscriptions × resource kinds, each cell the kind's resources and those its Defender plan"
                    + " covers (kinds reported per ARM type summed into one cell), production subscriptions first,"
                    + " then by name (those without a name yet last, by ID); with the estate's columns, blind spots and machines on every page. A page past"
                    + " the last has no rows. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The page of the map.")
    @APIResponse(responseCode = "400", description = "page out of 0 to 100,000 or size out of 1 to 500.")
    public MapPage map(
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000)
                    int page,
            @Parameter(description = "Subscriptions a page, 1 to 500.")
                    @QueryParam("size")
                    @DefaultValue("50")
                    @Min(1)
                    @Max(500)
                    int size) {
        CoverageNow now = coverage.now(CoverageReport.Scope.ALL, null);
        CoverageMap map = CoverageMap.of(now.report(), now.subscriptions(), page, size);
        return new MapPage(
                map.kinds(),
                map.blindSpots(),
                map.machines(),
                map.subscriptions(),
                page,
                size,
                map.rows().stream().map(MapRow::of).toList());
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
