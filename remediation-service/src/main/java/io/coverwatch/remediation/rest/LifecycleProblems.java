package io.coverwatch.remediation.rest;

import io.coverwatch.remediation.controls.SafetyControls;
import io.coverwatch.remediation.lifecycle.RemediationLifecycle;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The lifecycle's and the controls' refusals as RFC 7807 problems. */
public class LifecycleProblems {

    @ServerExceptionMapper
    public Response conflict(RemediationLifecycle.Conflict e) {
        return problem(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notAllowed(RemediationLifecycle.NotAllowed e) {
        return problem(Response.Status.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(RemediationLifecycle.NotFound e) {
        return problem(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badPolicy(SafetyControls.InvalidPolicy e) {
        return problem(Response.Status.BAD_REQUEST, e.getMessage());
    }

    static Response problem(Response.Status status, String detail) {
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle(status.getReasonPhrase())
                .withDetail(detail)
                .build()
                .toResponse();
    }
}
