package io.coverwatch.notification.rest;

import io.coverwatch.notification.selftest.TestAlerts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;

/** The pipeline self-test: send a canary to every channel, then see when it reached each. */
@Path("/api/test-alert")
public class TestAlertResource {

    private final TestAlerts testAlerts;
    private final Clock clock;

    TestAlertResource(TestAlerts testAlerts, Clock clock) {
        this.testAlerts = testAlerts;
        this.clock = clock;
    }

    @POST
    public Response send() {
        UUID id = QuarkusTransaction.requiringNew().call(() -> testAlerts.inject("api", clock.instant()));
        return Response.accepted(testAlerts.report(id).orElseThrow())
                .location(URI.create("/api/test-alert/" + id))
                .build();
    }

    @GET
    @Path("/{id}")
    public TestAlerts.Report get(@PathParam("id") UUID id) {
        return testAlerts.report(id).orElseThrow(() -> new NotFoundException("No test alert " + id));
    }
}
