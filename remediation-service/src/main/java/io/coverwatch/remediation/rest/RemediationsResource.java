package io.coverwatch.remediation.rest;

import io.coverwatch.remediation.planning.RemediationPlans;
import io.coverwatch.remediation.planning.RemediationRecord;
import io.coverwatch.remediation.planning.RemediationStatus;
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

/** Remediations planned for findings. */
@Path("/api/remediations")
public class RemediationsResource {

    private final RemediationPlans plans;

    RemediationsResource(RemediationPlans plans) {
        this.plans = plans;
    }

    /** A remediation as the API shows it. */
    public record RemediationView(
            String remediationId,
            String findingId,
            String ruleId,
            String action,
            String resourceId,
            String subscriptionId,
            RemediationStatus status,
            boolean dryRun,
            String request,
            Instant createdAt,
            Instant updatedAt) {

        static RemediationView of(RemediationRecord record) {
            return new RemediationView(
                    record.remediationId,
                    record.findingId,
                    record.ruleId,
                    record.action,
                    record.resourceId,
                    record.subscriptionId,
                    record.status,
                    record.dryRun,
                    record.request,
                    record.createdAt,
                    record.updatedAt);
        }
    }

    @RolesAllowed(Roles.READER)
    @GET
    public List<RemediationView> list(
            @QueryParam("status") RemediationStatus status,
            @QueryParam("subscription") String subscriptionId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return plans.list(status, subscriptionId, page, size).stream()
                .map(RemediationView::of)
                .toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{remediationId}")
    public RemediationView get(@PathParam("remediationId") String remediationId) {
        return plans.find(remediationId)
                .map(RemediationView::of)
                .orElseThrow(() -> new NotFoundException("No remediation " + remediationId));
    }
}
