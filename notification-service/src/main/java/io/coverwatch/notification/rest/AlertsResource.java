package io.coverwatch.notification.rest;

import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.alert.AlertRecord;
import io.coverwatch.notification.alert.AlertState;
import io.coverwatch.notification.alert.Alerts;
import io.coverwatch.notification.intake.PortalLinks;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alerts derived from findings, each with a link to the resource in the Azure portal. */
@Path("/api/alerts")
@Tag(name = "Alerts", description = "Alerts derived from findings: firing while the finding is open.")
public class AlertsResource {

    private final Alerts alerts;
    private final NotificationConfig config;

    AlertsResource(Alerts alerts, NotificationConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    /** An alert as the API shows it. */
    @Schema(description = "An alert, one per finding.")
    public record AlertView(
            @Schema(description = "The finding it is about.") String findingId,
            @Schema(description = "The finding's rule.") String ruleId,
            @Schema(description = "What is wrong, in a line.") String title,
            @Schema(description = "How bad it is.") Severity severity,
            @Schema(description = "The resource's ARM ID.") String resourceId,
            @Schema(description = "The resource in the Azure portal.") String portalLink,
            @Schema(description = "The resource's subscription.") String subscriptionId,
            @Schema(description = "FIRING or RESOLVED.") AlertState state,
            @Schema(description = "The diagnosis step that failed, in the seed's words.") String diagnosis,
            @Schema(description = "The suggested remediation.") String remediation,
            @Schema(description = "When it started firing.") Instant startsAt,
            @Schema(description = "When it resolved; null while firing.") Instant endsAt) {}

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "List alerts",
            description = "Alerts, the latest started first, one page at a time. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of alerts; an empty list past the last page.")
    @APIResponse(responseCode = "400", description = "page or size out of bounds.")
    public List<AlertView> list(
            @Parameter(description = "Only alerts in this state: FIRING or RESOLVED.") @QueryParam("state")
                    AlertState state,
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Alerts per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        return alerts.list(state, page, size).stream().map(this::view).toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{findingId}")
    @Operation(summary = "Read one alert", description = "The alert of one finding. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The alert.")
    @APIResponse(responseCode = "404", description = "No alert for this finding.")
    public AlertView get(@Parameter(description = "The finding's ID.") @PathParam("findingId") String findingId) {
        return alerts.find(findingId)
                .map(this::view)
                .orElseThrow(() -> new NotFoundException("No alert for finding " + findingId));
    }

    private AlertView view(AlertRecord alert) {
        return new AlertView(
                alert.findingId,
                alert.ruleId,
                alert.title,
                alert.severity,
                alert.resourceId,
                PortalLinks.resource(config.portalUrl(), alert.resourceId),
                alert.subscriptionId,
                alert.state,
                alert.diagnosis,
                alert.remediation,
                alert.startsAt,
                alert.endsAt);
    }
}
