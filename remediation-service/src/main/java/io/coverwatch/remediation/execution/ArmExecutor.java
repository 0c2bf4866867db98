package io.coverwatch.remediation.execution;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.management.polling.PollResult;
import com.azure.core.management.polling.PollerFactory;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.serializer.SerializerAdapter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.remediation.catalog.ArmRequest;
import io.coverwatch.remediation.catalog.ProtectedSetting;
import io.coverwatch.remediation.catalog.RemediationPlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends a plan's request to Azure Resource Manager as the catalog built it, through the SDK's authenticated pipeline,
 * and follows a long-running operation (an extension PUT answers 201 Creating with an {@code Azure-AsyncOperation} to
 * poll) with the SDK's ARM poller until it succeeds or fails. Everything one change does, retries and polling
 * included, fits in the configured operation timeout.
 *
 * <p>A plan with a {@link ProtectedSetting} gets its secret (the MDE onboarding package) read just before the PUT; the
 * secret exists only in the request body sent to Azure: never in a log (the pipeline logs no bodies), never in the
 * outcome's detail (an error that echoes it is redacted).
 */
final class ArmExecutor implements RemediationExecutor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SerializerAdapter SERIALIZER = SerializerFactory.createDefaultManagementSerializerAdapter();
    private static final String REDACTED = "[protected setting redacted]";

    private final ArmPipeline arm;
    private final Duration pollInterval;
    private final Duration operationTimeout;

    ArmExecutor(ArmPipeline arm, ExecutionConfig.Arm settings) {
        this.arm = arm;
        this.pollInterval = settings.pollInterval();
        this.operationTimeout = settings.operationTimeout();
    }

    @Override
    public ExecutionOutcome execute(RemediationPlan.Automatic plan) {
        ArmRequest request = plan.request();
        Deadline deadline = new Deadline(System.nanoTime() + operationTimeout.toNanos());
        String change = request.method() + " " + withoutQuery(request.path());
        try {
            return request.secret()
                    .map(setting -> changeWithSecret(change, request, setting, deadline))
                    .orElseGet(() -> change(change, request, request.body().text(), deadline));
        } catch (RuntimeException e) {
            return failure(change, e);
        }
    }

    private ExecutionOutcome changeWithSecret(
            String change, ArmRequest request, ProtectedSetting setting, Deadline deadline) {
        String read = "GET " + withoutQuery(setting.sourcePath());
        ArmAnswer source =
                send(HttpMethod.GET, setting.sourcePath(), null, deadline).answer();
        if (!source.accepted()) {
            return source.failure(read);
        }
        // mdeOnboardings lists one onboarding per subscription, its packages under properties.
        JsonNode secret = source.body().path("value").path(0).path("properties").path(setting.sourceField());
        if (!secret.isTextual() || secret.asText().isBlank()) {
            return new ExecutionOutcome.Failed(
                    read + " answered no " + setting.sourceField() + " (is Defender for Servers on in the"
                            + " subscription?)",
                    false);
        }
        ExecutionOutcome outcome =
                change(change, request, withProtectedSetting(request, setting.name(), secret.asText()), deadline);
        return redact(outcome, secret.asText());
    }

    private ExecutionOutcome change(String change, ArmRequest request, String body, Deadline deadline) {
        Sent sent = send(HttpMethod.valueOf(request.method()), request.path(), body, deadline);
        ArmAnswer answer = sent.answer();
        if (!answer.accepted()) {
            return answer.failure(change);
        }
        if (!answer.inProgress()) {
            return new ExecutionOutcome.Succeeded(change + ": " + answer.summary());
        }
        return awaitOperation(change, sent, deadline);
    }

    /** Polls a long-running operation with the SDK's ARM poller (Azure-AsyncOperation, Location or the resource). */
    private ExecutionOutcome awaitOperation(String change, Sent sent, Deadline deadline) {
        Response<Flux<ByteBuffer>> accepted = new SimpleResponse<>(
                sent.request(),
                sent.answer().status(),
                sent.headers(),
                Flux.just(ByteBuffer.wrap(sent.answer().text().getBytes(StandardCharsets.UTF_8))));
        AsyncPollResponse<PollResult<JsonNode>, JsonNode> last = PollerFactory.<JsonNode, JsonNode>create(
                        SERIALIZER, arm.pipeline(), JsonNode.class, JsonNode.class, pollInterval, Mono.just(accepted))
                .last()
                .block(deadline.remaining());
        String started = change + ": " + sent.answer().summary() + ", then the operation ";
        if (last.getStatus() == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            return new ExecutionOutcome.Succeeded(started + "Succeeded");
        }
        // Azure ran the change and it failed (an extension's handler, say): trying the same again will not help.
        PollResult.Error error =
                last.getValue() == null ? null : last.getValue().getError();
        String why = error == null
                ? "no error given"
                : ArmAnswer.of(error.getResponseStatusCode(), error.getResponseBody())
                        .error();
        return new ExecutionOutcome.Failed(started + last.getStatus() + ": " + why, false);
    }

    private Sent send(HttpMethod method, String path, String body, Deadline deadline) {
        HttpRequest request = new HttpRequest(method, arm.endpoint() + path);
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(body);
        }
        try (HttpResponse response = arm.pipeline().send(request).block(deadline.remaining())) {
            String text = response.getBodyAsString().block(deadline.remaining());
            return new Sent(request, response.getHeaders(), ArmAnswer.of(response.getStatusCode(), text));
        }
    }

    private static String withProtectedSetting(ArmRequest request, String name, String secret) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(request.body().text());
            body.withObjectProperty("properties")
                    .withObjectProperty("protectedSettings")
                    .put(name, secret);
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the catalog's request body is not JSON", e);
        }
    }

    /** An ARM error may quote the request; the secret must not reach the audit trail that way. */
    private static ExecutionOutcome redact(ExecutionOutcome outcome, String secret) {
        if (!outcome.detail().contains(secret)) {
            return outcome;
        }
        String detail = outcome.detail().replace(secret, REDACTED);
        return outcome instanceof ExecutionOutcome.Failed failed
                ? new ExecutionOutcome.Failed(detail, failed.transientFailure())
                : new ExecutionOutcome.Succeeded(detail);
    }

    /**
     * No answer in time or the connection failed: transient. A sign-in that fails (no managed identity, a revoked
     * secret) needs a person, as does anything else unexpected.
     */
    private ExecutionOutcome failure(String change, RuntimeException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new ExecutionOutcome.Failed(
                        change + ": no result within " + operationTimeout + " (Azure may still finish it)", true);
            }
            if (cause instanceof IOException io) {
                return new ExecutionOutcome.Failed(change + ": " + io, true);
            }
            if (cause instanceof ClientAuthenticationException auth) {
                return new ExecutionOutcome.Failed(change + ": Azure sign-in failed: " + auth.getMessage(), false);
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new ExecutionOutcome.Failed(change + ": interrupted", true);
            }
        }
        return new ExecutionOutcome.Failed(change + ": " + exception, false);
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** One request as sent and answered. */
    private record Sent(HttpRequest request, HttpHeaders headers, ArmAnswer answer) {}

    /** When the change must be over, on the monotonic clock. */
    private record Deadline(long nanos) {

        /** What is left, never less than a millisecond: a block with no time left must still time out, not wait. */
        Duration remaining() {
            return Duration.ofNanos(Math.max(nanos - System.nanoTime(), 1_000_000));
        }
    }
}
