package io.coverwatch.remediation.rest;

import io.coverwatch.remediation.lifecycle.AuditEntry;
import io.coverwatch.remediation.lifecycle.RemediationLifecycle;
import io.coverwatch.remediation.lifecycle.RemediationQueries;
import io.coverwatch.remediation.lifecycle.RemediationQueries.Filter;
import io.coverwatch.remediation.lifecycle.RemediationQueries.Page;
import io.coverwatch.remediation.lifecycle.RemediationRecord;
import io.coverwatch.remediation.lifecycle.RemediationStatus;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Remediations: the list, one with its audit trail, approval and rejection, and a person's request for one. */
@Path("/api/remediations")
public class RemediationsResource {

    private final RemediationQueries queries;
    private final RemediationLifecycle lifecycle;
    private final Caller caller;

    RemediationsResource(RemediationQueries queries, RemediationLifecycle lifecycle, Caller caller) {
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.caller = caller;
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
            RemediationRecord.PlanKind planKind,
            String reason,
            boolean dryRun,
            String request,
            List<String> steps,
            String requestedBy,
            String approvedBy,
            Instant notBefore,
            Instant executedAt,
            Instant verifyBy,
            int attempts,
            String result,
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
                    record.planKind,
                    record.reason,
                    record.dryRun,
                    record.request,
                    record.steps == null ? List.of() : record.steps,
                    record.requestedBy,
                    record.approvedBy,
                    record.notBefore,
                    record.executedAt,
                    record.verifyBy,
                    record.attempts,
                    record.result,
                    record.createdAt,
                    record.updatedAt);
        }
    }

    /** One line of the audit trail. */
    public record AuditView(
            long seq,
            String remediationId,
            Instant at,
            String actor,
            String actorName,
            AuditEntry.Kind entry,
            RemediationStatus statusBefore,
            RemediationStatus statusAfter,
            String reason,
            String request,
            String result) {

        static AuditView of(AuditEntry entry) {
            return new AuditView(
                    entry.seq,
                    entry.remediationId,
                    entry.at,
                    entry.actor,
                    entry.actorName,
                    entry.entry,
                    entry.statusBefore,
                    entry.statusAfter,
                    entry.reason,
                    entry.request,
                    entry.result);
        }
    }

    /** A remediation with every step of its audit trail, oldest first. */
    public record RemediationWithTrail(RemediationView remediation, List<AuditView> trail) {}

    /** A person's word on a remediation waiting for approval. */
    public record Verdict(@Size(max = 2000) String comment) {}

    /** A person asks for the remediation of an open finding. */
    public record RemediationRequest(@NotBlank @Size(max = 64) String findingId, @Size(max = 2000) String comment) {}

    @GET
    @RolesAllowed(Roles.READER)
    public Page<RemediationView> list(
            @QueryParam("status") RemediationStatus status,
            @QueryParam("subscription") String subscriptionId,
            @QueryParam("action") String action,
            @QueryParam("rule") String ruleId,
            @QueryParam("resource") String resourceId,
            @QueryParam("finding") String findingId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        Page<RemediationRecord> found = queries.remediations(
                new Filter(status, subscriptionId, action, ruleId, resourceId, findingId), page, size);
        return new Page<>(
                found.items().stream().map(RemediationView::of).toList(), found.page(), found.size(), found.total());
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Path("/{remediationId}")
    public RemediationWithTrail get(@PathParam("remediationId") String remediationId) {
        RemediationRecord record = queries.remediation(remediationId)
                .orElseThrow(() -> new RemediationLifecycle.NotFound("No remediation " + remediationId));
        return new RemediationWithTrail(
                RemediationView.of(record),
                queries.trail(remediationId).stream().map(AuditView::of).toList());
    }

    /** Approves a remediation waiting for approval: it is queued, and the safety gate still has the last word. */
    @POST
    @RolesAllowed(Roles.APPROVER)
    @Path("/{remediationId}/approve")
    public RemediationView approve(@PathParam("remediationId") String remediationId, @Valid Verdict verdict) {
        return RemediationView.of(lifecycle.approve(remediationId, caller.actor(), comment(verdict), Instant.now()));
    }

    @POST
    @RolesAllowed(Roles.APPROVER)
    @Path("/{remediationId}/reject")
    public RemediationView reject(@PathParam("remediationId") String remediationId, @Valid Verdict verdict) {
        return RemediationView.of(lifecycle.reject(remediationId, caller.actor(), comment(verdict), Instant.now()));
    }

    /** Plans the remediation of an open finding again (after a refusal, a rejection or a dry run). */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    public Response request(@Valid @NotNull RemediationRequest request) {
        RemediationRecord record =
                lifecycle.request(request.findingId(), caller.actor(), request.comment(), Instant.now());
        return Response.status(Response.Status.CREATED)
                .entity(RemediationView.of(record))
                .build();
    }

    private static String comment(Verdict verdict) {
        return verdict == null ? null : verdict.comment();
    }
}
