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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Remediations: the list, one with its audit trail, approval and rejection, and a person's request for one. */
@Path("/api/remediations")
@Tag(name = "Remediations", description = "The fixes Coverwatch plans for findings: list, approve, reject, ask again.")
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
    @Schema(description = "A remediation of one finding.")
    public record RemediationView(
            @Schema(description = "The remediation's ID.") String remediationId,
            @Schema(description = "The finding it answers.") String findingId,
            @Schema(description = "The finding's rule.") String ruleId,
            @Schema(description = "The catalog's action (INSTALL_AMA...), or a manual plan's obstacle.") String action,
            @Schema(description = "The resource it changes.") String resourceId,
            @Schema(description = "The resource's subscription, lower-cased.") String subscriptionId,
            @Schema(description = "Where it stands.") RemediationStatus status,
            @Schema(description = "Whether Coverwatch makes the change or a person must.")
                    RemediationRecord.PlanKind planKind,
            @Schema(description = "Why it stands where it stands, in the audit trail's and the alerts' words.")
                    String reason,
            @Schema(description = "Whether it was planned under dry-run (only described).") boolean dryRun,
            @Schema(description = "The request the action sends, as one line; secrets are never kept.") String request,
            @Schema(description = "A manual plan's steps; empty for an automatic one.") List<String> steps,
            @Schema(description = "The subject of whoever planned it (coverwatch when the service did).")
                    String requestedBy,
            @Schema(description = "The subject of whoever approved it; null unless approved.") String approvedBy,
            @Schema(description = "A deferred action, or a failed attempt's retry, runs no earlier than this.")
                    Instant notBefore,
            @Schema(description = "When the change was made.") Instant executedAt,
            @Schema(description = "By when the finding must resolve, or it is escalated.") Instant verifyBy,
            @Schema(description = "How many times the executor tried.") int attempts,
            @Schema(description = "What the executor answered last.") String result,
            @Schema(description = "When it was planned.") Instant createdAt,
            @Schema(description = "When it last changed.") Instant updatedAt) {

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
    @Schema(description = "One line of the append-only audit trail.")
    public record AuditView(
            @Schema(description = "Its place in the trail, increasing.") long seq,
            @Schema(description = "The remediation it is about.") String remediationId,
            @Schema(description = "When it happened.") Instant at,
            @Schema(description = "Who: a token's subject, or coverwatch for the service itself.") String actor,
            @Schema(description = "Their display name; null for an app.") String actorName,
            @Schema(description = "What happened.") AuditEntry.Kind entry,
            @Schema(description = "The status before.") RemediationStatus statusBefore,
            @Schema(description = "The status after.") RemediationStatus statusAfter,
            @Schema(description = "Why, or the person's comment.") String reason,
            @Schema(description = "What was sent, as one line.") String request,
            @Schema(description = "What came back.") String result) {

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
    @Schema(description = "A remediation with every line of its audit trail.")
    public record RemediationWithTrail(
            @Schema(description = "The remediation.") RemediationView remediation,
            @Schema(description = "Its audit trail, oldest first.") List<AuditView> trail) {}

    /** A person's word on a remediation waiting for approval. */
    @Schema(description = "A person's word on a remediation waiting for approval.")
    public record Verdict(
            @Schema(description = "Why, kept in the audit trail; optional, at most 2,000 characters.") @Size(max = 2000)
                    String comment) {}

    /** A person asks for the remediation of an open finding. */
    @Schema(description = "A person asks for the remediation of an open finding.")
    public record RemediationRequest(
            @Schema(description = "Required: the open finding's ID; at most 64 characters.") @NotBlank @Size(max = 64)
                    String findingId,
            @Schema(description = "Why, kept in the audit trail; optional, at most 2,000 characters.") @Size(max = 2000)
                    String comment) {}

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(
            summary = "List remediations",
            description = "Remediations, newest first, one page at a time with the total; filters combine. Needs"
                    + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of remediations.")
    @APIResponse(responseCode = "400", description = "page or size out of bounds.")
    public Page<RemediationView> list(
            @Parameter(description = "Only remediations in this status, for example AWAITING_APPROVAL.")
                    @QueryParam("status")
                    RemediationStatus status,
            @Parameter(description = "Only this subscription's (its ID).") @QueryParam("subscription")
                    String subscriptionId,
            @Parameter(description = "Only this action, for example INSTALL_AMA.") @QueryParam("action") String action,
            @Parameter(description = "Only this rule's, for example CW-PROV-AMA.") @QueryParam("rule") String ruleId,
            @Parameter(description = "Only this resource's (its ARM ID).") @QueryParam("resource") String resourceId,
            @Parameter(description = "Only this finding's (its ID).") @QueryParam("finding") String findingId,
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Remediations per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        Page<RemediationRecord> found = queries.remediations(
                new Filter(status, subscriptionId, action, ruleId, resourceId, findingId), page, size);
        return new Page<>(
                found.items().stream().map(RemediationView::of).toList(), found.page(), found.size(), found.total());
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Path("/{remediationId}")
    @Operation(
            summary = "Read one remediation",
            description = "One remediation with its whole audit trail: who did what, when, why, what was sent and what"
                    + " came back. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The remediation and its trail.")
    @APIResponse(responseCode = "404", description = "No remediation with this ID.")
    public RemediationWithTrail get(
            @Parameter(description = "The remediation's ID.") @PathParam("remediationId") String remediationId) {
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
    @Operation(
            summary = "Approve a remediation",
            description = "Approves a remediation waiting for approval: it is queued, and the safety gate (kill"
                    + " switch, dry-run, breakers, limits) still has the last word. Whoever requested it cannot"
                    + " approve it (four eyes). Needs Coverwatch.Approver.")
    @APIResponse(responseCode = "200", description = "Approved: the remediation, now QUEUED.")
    @APIResponse(responseCode = "400", description = "comment passes 2,000 characters, or a bad parameter.")
    @APIResponse(responseCode = "403", description = "The caller requested this remediation, or lacks the role.")
    @APIResponse(responseCode = "404", description = "No remediation with this ID.")
    @APIResponse(responseCode = "409", description = "It is not waiting for approval.")
    public RemediationView approve(
            @Parameter(description = "The remediation's ID.") @PathParam("remediationId") String remediationId,
            @Valid Verdict verdict) {
        return RemediationView.of(lifecycle.approve(remediationId, caller.actor(), comment(verdict), Instant.now()));
    }

    @POST
    @RolesAllowed(Roles.APPROVER)
    @Path("/{remediationId}/reject")
    @Operation(
            summary = "Reject a remediation",
            description = "Rejects a remediation waiting for approval; it ends REJECTED. Needs Coverwatch.Approver.")
    @APIResponse(responseCode = "200", description = "Rejected: the remediation, now REJECTED.")
    @APIResponse(responseCode = "400", description = "comment passes 2,000 characters, or a bad parameter.")
    @APIResponse(responseCode = "404", description = "No remediation with this ID.")
    @APIResponse(responseCode = "409", description = "It is not waiting for approval.")
    public RemediationView reject(
            @Parameter(description = "The remediation's ID.") @PathParam("remediationId") String remediationId,
            @Valid Verdict verdict) {
        return RemediationView.of(lifecycle.reject(remediationId, caller.actor(), comment(verdict), Instant.now()));
    }

    /** Plans the remediation of an open finding again (after a refusal, a rejection or a dry run). */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Ask for a remediation again",
            description = "Plans the remediation of an open finding again (after a refusal, a rejection or a dry run),"
                    + " under today's policies and switches. Needs Coverwatch.Operator.")
    @APIResponse(
            responseCode = "201",
            description = "Planned: the new remediation.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RemediationView.class)))
    @APIResponse(responseCode = "400", description = "No findingId, or a field past its limit.")
    @APIResponse(responseCode = "404", description = "remediation-service knows no open finding with this ID.")
    @APIResponse(
            responseCode = "409",
            description = "A remediation of the finding is under way, Coverwatch has no remediation for its rule, or"
                    + " another finding's plan already makes the same change on the machine.")
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
