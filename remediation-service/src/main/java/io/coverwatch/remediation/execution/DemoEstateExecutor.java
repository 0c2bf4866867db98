package io.coverwatch.remediation.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.coverwatch.remediation.catalog.RemediationPlan;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Applies a plan to inventory-service's demo estate ({@code POST /api/demo/actions}), which changes the resource and
 * publishes it, so the fix is verified from fresh inventory just as in Azure.
 *
 * <p>A 5xx or no answer is retried a bounded number of times (each demo action is idempotent), and a circuit breaker
 * stops calling an inventory-service that keeps failing, so a backlog of plans fails fast rather than each waiting
 * out its timeouts. There is no separate timeout: the REST client's connect and read timeouts bound each call.
 */
final class DemoEstateExecutor implements RemediationExecutor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoEstateApi demo;
    private final ServiceSignIn signIn;
    private final Guard guard;

    DemoEstateExecutor(DemoEstateApi demo, ServiceSignIn signIn, ExecutionConfig.Demo settings) {
        this.demo = demo;
        this.signIn = signIn;
        this.guard = Guard.create()
                .withDescription("inventory-service demo estate")
                .withRetry()
                .maxRetries(settings.maxRetries())
                .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .retryOn(DemoUnavailable.class)
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.circuitRequestVolume())
                .failureRatio(settings.circuitFailureRatio())
                .delay(settings.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .failOn(DemoUnavailable.class)
                .done()
                .build();
    }

    @Override
    public ExecutionOutcome execute(RemediationPlan.Automatic plan) {
        return DemoActionRequest.of(plan)
                .map(request -> call(request.action() + " on " + plan.target().name(), request))
                .orElseGet(() -> new ExecutionOutcome.Failed(
                        "the demo estate cannot " + plan.action().description() + ": it has no such action", false));
    }

    private ExecutionOutcome call(String change, DemoActionRequest request) {
        try {
            return guard.call(() -> apply(change, request), ExecutionOutcome.class);
        } catch (DemoUnavailable e) {
            return new ExecutionOutcome.Failed(e.getMessage(), true);
        } catch (CircuitBreakerOpenException e) {
            return new ExecutionOutcome.Failed(
                    change + ": not tried, inventory-service's demo estate failed repeatedly (circuit open)", true);
        } catch (Exception e) {
            return new ExecutionOutcome.Failed(change + ": " + e, false);
        }
    }

    /** One call. A refusal is an answer, not an exception: only an unavailable demo estate is retried. */
    private ExecutionOutcome apply(String change, DemoActionRequest request) throws DemoUnavailable {
        Response response;
        try {
            response = demo.act(signIn.authorization(), request);
        } catch (ServiceSignIn.SignInFailed e) {
            throw new DemoUnavailable(change + ": " + e.getMessage());
        } catch (ProcessingException e) {
            throw new DemoUnavailable(change + ": inventory-service did not answer: " + rootCause(e));
        }
        try (response) {
            int status = response.getStatus();
            JsonNode body = json(response.readEntity(String.class));
            if (status >= 500) {
                throw new DemoUnavailable(change + ": inventory-service answered " + status + " " + detail(body));
            }
            if (status >= 200 && status < 300) {
                return new ExecutionOutcome.Succeeded(change + ": applied to the demo estate"
                        + (body.path("published").asBoolean(false)
                                ? ", which published the changed resource"
                                : ", which already had it so"));
            }
            // 409: refused as Azure would (a policy denies extensions) or the demo is off; 400: not applicable.
            return new ExecutionOutcome.Failed(change + ": refused (" + status + "): " + detail(body), false);
        }
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** An RFC 7807 problem's detail (or title); any other body as it is. */
    private static String detail(JsonNode body) {
        if (body.hasNonNull("detail")) {
            return body.path("detail").asText();
        }
        return body.hasNonNull("title") ? body.path("title").asText() : body.asText("");
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    /** The demo estate did not answer, or answered 5xx: trying again may work. */
    static final class DemoUnavailable extends Exception {
        DemoUnavailable(String message) {
            super(message);
        }
    }
}
