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

/** Alerts derived from findings, each with a link to the resource in the Azure portal. */
@Path("/api/alerts")
public class AlertsResource {

    private final Alerts alerts;
    private final NotificationConfig config;

    AlertsResource(Alerts alerts, NotificationConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    /** An alert as the API shows it. */
    public record AlertView(
            String findingId,
            String ruleId,
            String title,
            Severity severity,
            String resourceId,
            String portalLink,
            String subscriptionId,
            AlertState state,
            String diagnosis,
            String remediation,
            Instant startsAt,
            Instant endsAt) {}

    @RolesAllowed(Roles.READER)
    @GET
    public List<AlertView> list(
            @QueryParam("state") AlertState state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return alerts.list(state, page, size).stream().map(this::view).toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{findingId}")
    public AlertView get(@PathParam("findingId") String findingId) {
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
