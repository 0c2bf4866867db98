package io.coverwatch.bench;

import io.coverwatch.localrun.LocalStack;
import io.coverwatch.security.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** JSON over HTTP to the services' REST APIs, on 127.0.0.1. */
final class Rest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The bearer token of this run's bench user; every call carries it. */
    private static final AtomicReference<String> TOKEN = new AtomicReference<>();

    private Rest() {}

    /** Signs the bench in at the stack's local issuer with every role it uses: reading, operating and administering. */
    static void signIn(LocalStack stack) {
        TOKEN.set(stack.infra()
                .tokenIssuer()
                .token("bench", "bench", List.of(Roles.READER, Roles.OPERATOR, Roles.ADMIN, Roles.INGEST)));
    }

    static String get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    static String post(URI uri, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String put(URI uri, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        String token = TOKEN.get();
        if (token == null) {
            throw new IllegalStateException("Rest.signIn(stack) first: every /api call needs a token");
        }
        HttpRequest built = request.header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    built.method() + " " + built.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
