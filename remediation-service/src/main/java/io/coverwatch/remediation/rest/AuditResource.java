package io.coverwatch.remediation.rest;

import io.coverwatch.remediation.lifecycle.AuditEntry;
import io.coverwatch.remediation.lifecycle.RemediationQueries;
import io.coverwatch.remediation.lifecycle.RemediationQueries.Page;
import io.coverwatch.remediation.rest.RemediationsResource.AuditView;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The append-only audit trail across every remediation: who did what, when, why, what was sent and what came back. */
@Path("/api/audit")
@Tag(name = "Audit", description = "The append-only audit trail across every remediation.")
public class AuditResource {

    private final RemediationQueries queries;

    AuditResource(RemediationQueries queries) {
        this.queries = queries;
    }

    /** Newest first; {@code since} is an ISO-8601 instant. */
    @GET
    @RolesAllowed(Roles.READER)
    @Operation(
            summary = "Read the audit trail",
            description = "Every remediation's audit lines, newest first, one page at a time with the total: who did"
                    + " what, when, why, what was sent and what came back. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of audit lines.")
    @APIResponse(responseCode = "400", description = "since is not an ISO-8601 instant, or page or size out of bounds.")
    public Page<AuditView> list(
            @Parameter(description = "Only lines by this actor: a token's subject, or coverwatch.") @QueryParam("actor")
                    String actor,
            @Parameter(description = "Only lines at or after this ISO-8601 instant, for example 2026-11-24T09:00:00Z.")
                    @QueryParam("since")
                    String since,
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Lines per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        Page<AuditEntry> found = queries.audit(actor, instant(since), page, size);
        return new Page<>(
                found.items().stream().map(AuditView::of).toList(), found.page(), found.size(), found.total());
    }

    private static Instant instant(String since) {
        if (since == null) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Bad Request")
                    .withDetail("since must be an ISO-8601 instant such as 2026-11-24T09:00:00Z, not '" + since + "'")
                    .build();
        }
    }
}
