package io.coverwatch.notification.rest;

import io.coverwatch.notification.routes.RoutingDocument;
import io.coverwatch.notification.routes.RoutingSettings;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * The routing tree and the inhibit rules, as one JSON document in Alertmanager's shape ({@code route},
 * {@code inhibit_rules}). Without a stored one every notice goes to every channel.
 */
@Path("/api/routes")
public class RoutesResource {

    private final RoutingSettings routing;
    private final Clock clock;

    RoutesResource(RoutingSettings routing, Clock clock) {
        this.routing = routing;
        this.clock = clock;
    }

    @GET
    public RoutingDocument get() {
        return routing.document();
    }

    /** Replaces the whole document; read strictly, so an unknown field is a 400 rather than silently ignored. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public RoutingDocument replace(String document) {
        return routing.replace(RoutingDocument.read(document), clock.instant());
    }

    /** Back to the default: every notice to every channel. */
    @DELETE
    @Transactional
    public RoutingDocument reset() {
        routing.reset();
        return routing.document();
    }
}
