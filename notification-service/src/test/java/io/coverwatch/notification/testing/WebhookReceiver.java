package io.coverwatch.notification.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 standing for Slack, Teams or a generic webhook: it records every request and answers
 * as the test scripts it (scripted answers first, one per request, then the standing answer).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as the receiver saw it, and what it answered. */
    public record Received(Instant at, String path, Map<String, String> headers, String body, int answeredWith) {}

    /** What the receiver answers; {@code delay} holds the answer back (longer than the send timeout: a timeout). */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO);
        }

        public static Answer retryAfter(String value) {
            return new Answer(429, Map.of("Retry-After", value), "rate_limited", Duration.ZERO);
        }

        public static Answer slow(Duration delay) {
            return new Answer(200, Map.of(), "ok", delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private volatile Answer standing = Answer.status(200, "ok");

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver start() throws IOException {
        return new WebhookReceiver();
    }

    /** This receiver's URL for a path, e.g. {@code /services/T0/B0/secret}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these answers, in order. */
    public WebhookReceiver thenAnswer(Answer... answers) {
        scripted.addAll(List.of(answers));
        return this;
    }

    /** Every request after the scripted ones gets this answer. */
    public WebhookReceiver answerFromNowOn(Answer answer) {
        standing = answer;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with a 2xx. */
    public List<Received> accepted() {
        return received.stream()
                .filter(r -> r.answeredWith() >= 200 && r.answeredWith() < 300)
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer = scripted.poll();
        if (answer == null) {
            answer = standing;
        }
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        received.add(new Received(at, exchange.getRequestURI().toString(), headers, body, answer.status()));
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client gave up waiting (a timeout the test asked for)
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
