package io.coverwatch.remediation.execution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP stand-in for inventory-service's {@code POST /api/demo/actions}: answers what the test scripts, in turn
 * (the last repeats), and records each body.
 */
final class FakeInventory implements AutoCloseable {

    /** One scripted answer. */
    record Answer(int status, String contentType, String body) {

        /** The demo's result: the resource after the action, and whether it changed. */
        static Answer applied(String resourceId, boolean published) {
            return new Answer(
                    200,
                    "application/json",
                    "{\"resource\":{\"id\":\"" + resourceId + "\"},\"published\":" + published
                            + ",\"amaHeartbeat\":\"running\",\"legacyAgentHeartbeat\":\"none\","
                            + "\"sendsHeartbeats\":[\"Azure Monitor Agent\"],\"sendsSecurityEvents\":true}");
        }

        /** An RFC 7807 problem, as inventory-service's HttpProblem renders it. */
        static Answer problem(int status, String title, String detail) {
            return new Answer(
                    status,
                    "application/problem+json",
                    "{\"status\":" + status + ",\"title\":\"" + title + "\",\"detail\":\"" + detail
                            + "\",\"instance\":\"/api/demo/actions\"}");
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private FakeInventory(HttpServer server) {
        this.server = server;
    }

    static FakeInventory start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeInventory fake = new FakeInventory(server);
        server.createContext("/api/demo/actions", fake::handle);
        server.start();
        return fake;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Answer... scripted) {
        answers.clear();
        answers.addAll(List.of(scripted));
    }

    /** The request bodies seen, in order. */
    List<String> bodies() {
        return List.copyOf(bodies);
    }

    void reset() {
        answers.clear();
        bodies.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer answer = answers.size() > 1 ? answers.pollFirst() : answers.peekFirst();
            if (answer == null) {
                answer = Answer.problem(500, "Internal Server Error", "nothing scripted");
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
