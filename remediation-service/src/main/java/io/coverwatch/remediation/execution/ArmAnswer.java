package io.coverwatch.remediation.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Azure Resource Manager answered to one request, read the way ARM answers: a resource (with
 * {@code properties.provisioningState} where the resource type has one) or an error
 * {@code {"error": {"code", "message"}}}.
 */
record ArmAnswer(int status, JsonNode body, String text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Enough of a body that is not ARM's JSON to say what answered (a proxy's error page, say). */
    private static final int EXCERPT = 200;

    /** Provisioning states after which nothing more happens (ARM's resource provider contract). */
    private static final Set<String> TERMINAL_STATES = Set.of("succeeded", "failed", "canceled");

    static ArmAnswer of(int status, String text) {
        String body = text == null ? "" : text;
        JsonNode json;
        try {
            json = body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            json = MissingNode.getInstance();
        }
        return new ArmAnswer(status, json, body);
    }

    boolean accepted() {
        return status >= 200 && status < 300;
    }

    /**
     * ARM is still making the change: a 202, or a resource whose provisioning state is not final yet (an extension
     * answers 201 Creating or 200 Updating).
     */
    boolean inProgress() {
        return status == 202
                || (accepted()
                        && provisioningState()
                                .map(state -> !TERMINAL_STATES.contains(state.toLowerCase(Locale.ROOT)))
                                .orElse(false));
    }

    Optional<String> provisioningState() {
        JsonNode state = body.path("properties").path("provisioningState");
        return state.isTextual() ? Optional.of(state.asText()) : Optional.empty();
    }

    /** "HTTP 201, provisioningState Creating", as the audit trail shows the answer. */
    String summary() {
        return "HTTP " + status
                + provisioningState()
                        .map(state -> ", provisioningState " + state)
                        .orElse("");
    }

    /**
     * The failed attempt: a throttle (429), a timeout (408) or a server error (5xx) may pass, so it is transient; any
     * other 4xx (RequestDisallowedByPolicy, AuthorizationFailed, a bad request) will not change by itself.
     */
    ExecutionOutcome.Failed failure(String request) {
        boolean transientFailure = status == 408 || status == 429 || status >= 500;
        return new ExecutionOutcome.Failed(request + ": " + error() + " (HTTP " + status + ")", transientFailure);
    }

    /**
     * ARM's {@code error.code: error.message}; some resource providers answer the code and message without the
     * {@code error} envelope. A body without either is quoted, shortened.
     */
    String error() {
        JsonNode error = body.has("error") ? body.path("error") : body;
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        if (code.isEmpty() && message.isEmpty()) {
            String excerpt = text.strip();
            return excerpt.isEmpty()
                    ? "no error body"
                    : excerpt.length() > EXCERPT ? excerpt.substring(0, EXCERPT) + "…" : excerpt;
        }
        return code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
    }
}
