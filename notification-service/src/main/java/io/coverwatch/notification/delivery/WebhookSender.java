package io.coverwatch.notification.delivery;

import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.channel.WebhookUrl;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Posts one message to one channel and says what came of it. Redirects are not followed (a webhook that redirects
 * could lead anywhere the allowlist forbids). Every error text is scrubbed of the channel's URL before it leaves.
 */
@ApplicationScoped
class WebhookSender {

    /** Enough of a receiver's answer to say why it refused (Slack answers {@code invalid_payload}, for example). */
    private static final int ANSWER_EXCERPT = 300;

    private final WebClient client;
    private final Duration timeout;
    private final Clock clock;

    WebhookSender(Vertx vertx, NotificationConfig config, Clock clock) {
        this.timeout = config.delivery().sendTimeout();
        this.clock = clock;
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        .setConnectTimeout((int) timeout.toMillis())
                        .setUserAgent("Coverwatch-Notification"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    SendOutcome send(ChannelGate gate, WebhookUrl url, OutgoingMessage message) {
        Answer answer;
        try {
            answer = gate.call(() -> post(url, message), Answer.class);
        } catch (CircuitBreakerOpenException e) {
            return new SendOutcome.NotSent("circuit open after repeated failures");
        } catch (TransientFailure e) {
            return new SendOutcome.Failed(e.httpStatus(), e.getMessage());
        } catch (Exception e) {
            return new SendOutcome.Failed(null, url.redact(describe(e)));
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new SendOutcome.Delivered(status);
        }
        if (status == 429) {
            return new SendOutcome.RateLimited(RetryAfter.parse(answer.retryAfter(), clock.instant()));
        }
        if (status >= 300 && status < 400) {
            return new SendOutcome.Rejected(
                    status, "HTTP " + status + ": the receiver redirects, and redirects are not followed");
        }
        return new SendOutcome.Rejected(status, "HTTP " + status + answer.excerpt());
    }

    /** One request; a 5xx, a 408 or no answer at all is a {@link TransientFailure}. */
    private Answer post(WebhookUrl url, OutgoingMessage message) throws TransientFailure {
        HttpResponse<Buffer> response;
        try {
            HttpRequest<Buffer> request = client.postAbs(url.secret())
                    .timeout(timeout.toMillis())
                    .putHeader("Content-Type", "application/json");
            message.headers().forEach(request::putHeader);
            response = request.sendBuffer(Buffer.buffer(message.body())).await().atMost(timeout.plusSeconds(1));
        } catch (RuntimeException e) {
            throw new TransientFailure(null, url.redact(describe(e)));
        }
        String body = response.bodyAsString();
        String excerpt = body == null || body.isBlank()
                ? ""
                : ": " + url.redact(body.length() > ANSWER_EXCERPT ? body.substring(0, ANSWER_EXCERPT) + "…" : body);
        if (response.statusCode() >= 500 || response.statusCode() == 408) {
            throw new TransientFailure(response.statusCode(), "HTTP " + response.statusCode() + excerpt);
        }
        return new Answer(response.statusCode(), response.getHeader("Retry-After"), excerpt);
    }

    /** A receiver's answer that is not worth a retry by backoff: a success, a 429 or a refusal. */
    record Answer(int status, String retryAfter, String excerpt) {}

    private static String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
