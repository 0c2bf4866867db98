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

/** The audit trail: every change to channels, routes, silences and deliveries, by whom, the newest first. */
@Path("/api/audit")
public class AuditResource {

    /** One change as the API shows it. */
    public record AuditView(long id, Instant at, Actor by, AuditAction action, String target) {}

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @RolesAllowed(Roles.READER)
    @GET
    public List<AuditView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return trail.page(page, size).stream()
                .map(entry -> new AuditView(
                        entry.id, entry.at, new Actor(entry.subject, entry.name), entry.action, entry.target))
                .toList();
    }
}
