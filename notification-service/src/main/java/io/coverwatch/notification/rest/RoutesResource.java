package io.coverwatch.notification.rest;

import io.coverwatch.notification.audit.AuditAction;
import io.coverwatch.notification.audit.AuditTrail;
import io.coverwatch.notification.routingstore.RoutingDocument;
import io.coverwatch.notification.routingstore.RoutingStore;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The routing tree and the inhibit rules, as one JSON document in Alertmanager's shape ({@code route},
 * {@code inhibit_rules}). Without a stored one every notice goes to every channel.
 */
@Path("/api/routes")
@Tag(name = "Routing", description = "The routing tree and inhibit rules, as one Alertmanager-shaped document.")
public class RoutesResource {

    private final RoutingStore routing;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    RoutesResource(RoutingStore routing, AuditTrail audit, Caller caller, Clock clock) {
        this.routing = routing;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "Read the routing",
            description = "The routing tree and inhibit rules in force; without a stored one, every notice goes to"
                    + " every channel. Needs Coverwatch.Reader.")
    public RoutingDocument get() {
        return routing.document();
    }

    /** Replaces the whole document; read strictly, so an unknown field is a 400 rather than silently ignored. */
    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(
            summary = "Replace the routing",
            description = "Replaces the whole routing document. It is read strictly: an unknown field is refused"
                    + " rather than ignored. Every receiver must name an existing channel (or be *). Needs"
                    + " Coverwatch.Admin.")
    @RequestBody(required = true, description = "The whole routing document, in RoutingDocument's shape.")
    @APIResponse(responseCode = "200", description = "The routing now in force.")
    @APIResponse(
            responseCode = "400",
            description = "Unreadable or empty, an unknown field, a bad matcher or duration, no root route, or a"
                    + " receiver that is no channel.")
    public RoutingDocument replace(String document) {
        Instant now = clock.instant();
        RoutingDocument replaced = routing.replace(RoutingDocument.read(document), now);
        audit.record(caller.actor(), AuditAction.ROUTES_REPLACED, "routes", now);
        return replaced;
    }

    /** Back to the default: every notice to every channel. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Transactional
    @Operation(
            summary = "Reset the routing",
            description = "Back to the default: every notice to every channel. Needs Coverwatch.Admin.")
    public RoutingDocument reset() {
        routing.reset();
        audit.record(caller.actor(), AuditAction.ROUTES_RESET, "routes", clock.instant());
        return routing.document();
    }
}
