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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The pipeline self-test: send a canary to every channel, then see when it reached each. */
@Path("/api/test-alert")
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
    public TestAlerts.Report get(@PathParam("id") UUID id) {
        return testAlerts.report(id).orElseThrow(() -> new NotFoundException("No test alert " + id));
    }
}
