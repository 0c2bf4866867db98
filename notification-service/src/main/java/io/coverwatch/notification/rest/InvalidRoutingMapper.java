package io.coverwatch.notification.rest;

import io.coverwatch.notification.routing.InvalidRouting;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A route, matcher, silence or inhibit rule that cannot be applied is the caller's mistake: 400 problem+json. */
@Provider
public class InvalidRoutingMapper implements ExceptionMapper<InvalidRouting> {

    @Override
    public Response toResponse(InvalidRouting invalid) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Invalid routing")
                .withDetail(invalid.getMessage())
                .build()
                .toResponse();
    }
}
