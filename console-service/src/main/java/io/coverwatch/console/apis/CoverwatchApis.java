package io.coverwatch.console.apis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls the four services' APIs as the signed-in person: every call carries their own access token, so the services'
 * role checks decide what they may see and do, never a service account of the console's.
 */
@ApplicationScoped
public class CoverwatchApis {

    private static final int MAX_DETAIL = 300;
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final ConsoleConfig config;
    private final HttpClient http;
    private final ObjectMapper json;

    CoverwatchApis(ConsoleConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.callTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // The console reads only the fields it shows; a service adding one (contracts/EVOLUTION.md) must not break it.
        this.json = new ObjectMapper()
                .findAndRegisterModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** {@code GET} of a path with its query, for example {@code /api/findings?status=open}. */
    public <T> CompletableFuture<Answer<T>> get(
            String accessToken, CoverwatchApi api, String pathAndQuery, TypeReference<T> type) {
        HttpRequest request = request(accessToken, api, pathAndQuery).GET().build();
        return send(api, request, type);
    }

    /** {@code POST} of a JSON body; the service's answer as a tree. */
    public Answer<JsonNode> post(String accessToken, CoverwatchApi api, String path, Object body) {
        return send(accessToken, api, "POST", path, body);
    }

    /** {@code PUT} of a JSON body (a switch set to a state); the service's answer as a tree. */
    public Answer<JsonNode> put(String accessToken, CoverwatchApi api, String path, Object body) {
        return send(accessToken, api, "PUT", path, body);
    }

    private Answer<JsonNode> send(String accessToken, CoverwatchApi api, String method, String path, Object body) {
        try {
            HttpRequest request = request(accessToken, api, path)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            return send(api, request, new TypeReference<JsonNode>() {}).join();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write " + body, e);
        }
    }

    /** {@code POST} of an action that takes no body (a re-drive, a test alert); the service's answer as a tree. */
    public Answer<JsonNode> post(String accessToken, CoverwatchApi api, String path) {
        HttpRequest request = request(accessToken, api, path)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return send(api, request, new TypeReference<JsonNode>() {}).join();
    }

    /** {@code DELETE}; the service's answer as a tree (empty for a 204). */
    public Answer<JsonNode> delete(String accessToken, CoverwatchApi api, String path) {
        HttpRequest request = request(accessToken, api, path).DELETE().build();
        return send(api, request, new TypeReference<JsonNode>() {}).join();
    }

    private HttpRequest.Builder request(String accessToken, CoverwatchApi api, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl(config).toString().replaceAll("/$", "") + pathAndQuery))
                .timeout(config.callTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken);
    }

    private <T> CompletableFuture<Answer<T>> send(CoverwatchApi api, HttpRequest request, TypeReference<T> type) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> this.<T>read(api, response, type))
                .exceptionally(failure -> new Answer.Unreachable<>(api, reason(failure)));
    }

    private <T> Answer<T> read(CoverwatchApi api, HttpResponse<byte[]> response, TypeReference<T> type) {
        int status = response.statusCode();
        if (status == 404) {
            return new Answer.Missing<>(api);
        }
        if (status >= 400 && status < 500) {
            return new Answer.Refused<>(api, status, detail(response.body()));
        }
        if (status < 200 || status >= 300) {
            return new Answer.Unreachable<>(api, "HTTP " + status);
        }
        try {
            // A 204 has no body: it reads as an empty object.
            byte[] body = response.body().length == 0 ? EMPTY_OBJECT : response.body();
            return new Answer.Found<>(json.readValue(body, type));
        } catch (IOException e) {
            return new Answer.Unreachable<>(
                    api,
                    "an answer the console cannot read: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The problem+json's own words (title and detail), never the whole body. */
    private String detail(byte[] body) {
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
        } catch (IOException e) {
            return "";
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
