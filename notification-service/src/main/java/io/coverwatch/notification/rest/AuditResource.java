package io.coverwatch.notification.rest;

import io.coverwatch.notification.audit.AuditAction;
import io.coverwatch.notification.audit.AuditTrail;
import io.coverwatch.security.Actor;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: every change to channels, routes, silences and deliveries, by whom, the newest first. */
@Path("/api/audit")
@Tag(name = "Audit", description = "Every change to channels, routes, silences and deliveries, by whom.")
public class AuditResource {

    /** One change as the API shows it. */
    @Schema(description = "One change, by whom.")
    public record AuditView(
            @Schema(description = "Its place in the trail.") long id,
            @Schema(description = "When.") Instant at,
            @Schema(description = "Who, from their token.") Actor by,
            @Schema(description = "What changed.") AuditAction action,
            @Schema(description = "What it changed (a channel, a silence, a delivery, routes).") String target) {}

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "Read the audit trail",
            description = "Every change the API made to channels, routes, silences and deliveries, and every test"
                    + " alert, newest first, one page at a time. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of changes.")
    @APIResponse(responseCode = "400", description = "page or size out of bounds.")
    public List<AuditView> list(
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Changes per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        return trail.page(page, size).stream()
                .map(entry -> new AuditView(
                        entry.id, entry.at, new Actor(entry.subject, entry.name), entry.action, entry.target))
                .toList();
    }
}
