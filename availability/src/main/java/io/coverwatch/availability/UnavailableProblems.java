package io.coverwatch.availability;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure no more specific mapper answers: 503 problem+json with {@code Retry-After} when the broker or the
 * database did not answer (nothing was acknowledged: the client sends the request again later; a heartbeat batch the
 * producer had already handed over may still get through, and consumers drop its repeat by ID), the problem
 * extension's own 500 otherwise. It stands in for the problem extension's mapper of {@link Exception}, so every service answers an
 * outage the same way, whatever the failure was wrapped in on its way up.
 */
public class UnavailableProblems {

    private static final Logger LOG = Logger.getLogger(UnavailableProblems.class);

    private final DatabaseProbe database;
    private final AvailabilityConfig config;

    UnavailableProblems(DatabaseProbe database, AvailabilityConfig config) {
        this.database = database;
        this.config = config;
    }

    @ServerExceptionMapper(value = Exception.class, priority = 1)
    public Response failed(Exception e, UriInfo uri) {
        Optional<String> away = database.outage(e);
        if (away.isEmpty()) {
            return ExceptionMapperBase.postProcessorsRegistry
                    .applyPostProcessing(
                            HttpProblem.valueOf(Response.Status.INTERNAL_SERVER_ERROR), ProblemContext.of(e, uri))
                    .toResponse();
        }
        String path = uri.getRequestUri().getRawPath();
        // One line, no stack trace: during an outage every request fails the same way.
        LOG.warnf("%s answered 503: %s did not answer (%s)", path, away.get(), e.getMessage());
        return HttpProblem.builder()
                .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                .withTitle("Service Unavailable")
                .withDetail(capitalised(away.get())
                        + " did not answer; nothing was acknowledged, send the request again later")
                .withInstance(URI.create(path))
                .withHeader(
                        HttpHeaders.RETRY_AFTER, Math.max(1, config.retryAfter().toSeconds()))
                .build()
                .toResponse();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
