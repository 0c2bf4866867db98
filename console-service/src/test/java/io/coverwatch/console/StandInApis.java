package io.coverwatch.console;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HTTP servers on loopback standing where evaluation-, remediation- and notification-service's APIs would be, answering
 * what a test tells them in those APIs' own shapes and keeping every request's bearer token, so a test sees what the
 * console asked as whom. inventory-service's address is a closed port: it is the service that is down. (ConsoleIT in
 * local-run drives the console against the real services.)
 */
public class StandInApis implements QuarkusTestResourceLifecycleManager {

    /** A request as the stand-in saw it. */
    public record Call(String method, String pathAndQuery, String authorization, String body) {}

    private record Reply(int status, String json) {}

    static final Map<String, Reply> REPLIES = new ConcurrentHashMap<>();
    static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    /** From now on, {@code pathAndQuery} (exactly) answers this status and JSON. */
    static void answer(String pathAndQuery, int status, String json) {
        REPLIES.put(pathAndQuery, new Reply(status, json));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String target = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery());
                CALLS.add(new Call(
                        exchange.getRequestMethod(),
                        target,
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Reply reply = REPLIES.getOrDefault(
                        target, new Reply(404, "{\"title\": \"Not Found\", \"detail\": \"No such thing\"}"));
                byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "coverwatch.console.evaluation-url", url,
                "coverwatch.console.remediation-url", url,
                "coverwatch.console.notification-url", url,
                // Nothing listens on port 1: inventory-service is down.
                "coverwatch.console.inventory-url", "http://127.0.0.1:1",
                "coverwatch.console.call-timeout", "2s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
