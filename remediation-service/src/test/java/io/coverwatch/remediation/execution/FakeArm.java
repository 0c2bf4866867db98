package io.coverwatch.remediation.execution;

import com.sun.net.httpserver.HttpExchange;
import io.coverwatch.localinfra.LoopbackHttps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTPS stand-in for Azure Resource Manager that answers what each test scripts for a method and path (the
 * last scripted answer repeats) and records every request. Requests without the expected bearer token get ARM's 401.
 */
final class FakeArm implements AutoCloseable {

    static final String TOKEN = "fake-arm-token";

    /** One request as the fake saw it. */
    record Seen(String method, String path, String query, String body) {}

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer json(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    private LoopbackHttps https;
    private final Map<String, ConcurrentLinkedDeque<Answer>> script = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private FakeArm() {}

    /** Starts on a free port with a fresh self-signed certificate for localhost, made with the JDK's keytool. */
    static FakeArm start() throws Exception {
        FakeArm fake = new FakeArm();
        fake.https = LoopbackHttps.start(fake::handle);
        return fake;
    }

    /** The endpoint, without a trailing slash: ARM paths start with one. */
    String endpoint() {
        return https.endpoint();
    }

    Path trustStore() {
        return https.trustStore();
    }

    /** What the fake answers to {@code method path} (path without its query), in turn; the last repeats. */
    void answer(String method, String path, Answer... answers) {
        script.put(method + " " + path, new ConcurrentLinkedDeque<>(List.of(answers)));
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(String method, String path) {
        return seen.stream()
                .filter(request ->
                        request.method().equals(method) && request.path().equals(path))
                .toList();
    }

    void reset() {
        script.clear();
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(method, path, exchange.getRequestURI().getQuery(), body));
            Answer answer;
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer = Answer.json(401, error("InvalidAuthenticationToken", "no or wrong bearer token"));
            } else {
                ConcurrentLinkedDeque<Answer> answers = script.get(method + " " + path);
                answer = answers == null
                        ? Answer.json(404, error("NotFound", method + " " + path + " is not scripted"))
                        : answers.size() > 1 ? answers.pollFirst() : answers.peekFirst();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}}";
    }

    @Override
    public void close() {
        https.close();
    }
}
