package io.coverwatch.notification.rest;

import io.coverwatch.notification.audit.AuditAction;
import io.coverwatch.notification.audit.AuditTrail;
import io.coverwatch.notification.selftest.TestAlerts;
import io.coverwatch.security.Actor;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The pipeline self-test: send a canary to every channel, then see when it reached each. */
@Path("/api/test-alert")
@Tag(name = "Self-test", description = "Send a canary to every channel, then see when it reached each.")
public class TestAlertResource {

    private final TestAlerts testAlerts;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    TestAlertResource(TestAlerts testAlerts, AuditTrail audit, Caller caller, Clock clock) {
        this.testAlerts = testAlerts;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Operation(
            summary = "Send a test alert",
            description = "Sends a canary (rule CW-TEST-ALERT) through the pipeline to every channel; follow it with"
                    + " GET /api/test-alert/{id}. Needs Coverwatch.Operator.")
    @APIResponse(
            responseCode = "202",
            description = "Sent; Location names the report.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TestAlerts.Report.class)))
    public Response send() {
        Actor by = caller.actor();
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            UUID injected = testAlerts.inject("api", now);
            audit.record(by, AuditAction.TEST_ALERT_SENT, "test alert " + injected, now);
            return injected;
        });
        return Response.accepted(testAlerts.report(id).orElseThrow())
                .location(URI.create("/api/test-alert/" + id))
                .build();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    @Operation(
            summary = "Follow a test alert",
            description = "When the test alert reached each channel, and whether it reached them all. Needs"
                    + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The report.")
    @APIResponse(responseCode = "404", description = "No test alert with this ID.")
    public TestAlerts.Report get(@Parameter(description = "The test alert's ID.") @PathParam("id") UUID id) {
        return testAlerts.report(id).orElseThrow(() -> new NotFoundException("No test alert " + id));
    }
}
