package io.coverwatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to the services' REST APIs, on 127.0.0.1. */
final class Rest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Rest() {}

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
        HttpRequest built = request.header("Content-Type", "application/json")
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
