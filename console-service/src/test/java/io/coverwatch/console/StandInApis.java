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
 * HTTP servers on loopback standing where the four services' APIs would be, answering what a test tells them in those
 * APIs' own shapes and keeping every request's bearer token, so a test sees what the console asked as whom.
 * inventory-service's calls go under {@code /inventory}; one the test gave no answer for is dropped without a word, as
 * by a service that is down. (ConsoleIT in local-run drives the console against the real services.)
 */
public class StandInApis implements QuarkusTestResourceLifecycleManager {

    /** A request as the stand-in saw it. */
    public record Call(String method, String pathAndQuery, String authorization, String body) {}

    private record Reply(int status, String json) {}

    /** Where inventory-service's API stands in. */
    static final String INVENTORY = "/inventory";

    static final Map<String, Reply> REPLIES = new ConcurrentHashMap<>();
    static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    /** From now on, {@code pathAndQuery} (exactly) answers this status and JSON. */
    static void answer(String pathAndQuery, int status, String json) {
        REPLIES.put(pathAndQuery, new Reply(status, json));
    }

    /** The one request of this method and target the console made; fails when it made none or several. */
    static Call only(String method, String pathAndQuery) {
        List<Call> calls = CALLS.stream()
                .filter(call ->
                        call.method().equals(method) && call.pathAndQuery().equals(pathAndQuery))
                .toList();
        if (calls.size() != 1) {
            throw new AssertionError(calls.size() + " calls " + method + " " + pathAndQuery + " in " + CALLS);
        }
        return calls.get(0);
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
                Reply reply = REPLIES.get(target);
                if (reply == null && target.startsWith(INVENTORY)) {
                    throw new IOException("inventory-service is down: the connection closes without an answer");
                }
                if (reply == null) {
                    reply = new Reply(404, "{\"title\": \"Not Found\", \"detail\": \"No such thing\"}");
                }
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
                "coverwatch.console.inventory-url", url + INVENTORY,
                "coverwatch.console.call-timeout", "2s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
