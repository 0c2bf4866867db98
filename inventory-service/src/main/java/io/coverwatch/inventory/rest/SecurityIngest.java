package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.signal.PostedRecords;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * What the two security ingest endpoints share: a batch is accepted whole or not at all, 400 naming each bad record's
 * index and field, 413 beyond the configured number of records.
 */
final class SecurityIngest {

    /** Where records posted through this API say they came from. */
    static final String API_ORIGIN = "api";

    private SecurityIngest() {}

    /** The body as JSON, read by the REST API's strict mapper; 400 when it is not. */
    static JsonNode parse(ObjectMapper json, InputStream body, String title) throws IOException {
        try {
            // The REST mapper (security's StrictJson): nothing after the document, bounded depth and lengths.
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw problem(Response.Status.BAD_REQUEST, title, "a body is required", List.of());
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw problem(Response.Status.BAD_REQUEST, title, "not JSON: " + e.getOriginalMessage(), List.of());
        }
    }

    /** The batch's records, or the problem that refuses it whole. */
    static <T> List<T> accepted(PostedRecords.Batch<T> batch, InventoryConfig.Security config, String title) {
        if (batch.records() > config.maxBatchRecords()) {
            throw problem(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    title,
                    batch.records() + " records; at most " + config.maxBatchRecords() + " per batch",
                    List.of());
        }
        if (!batch.errors().isEmpty()) {
            throw problem(
                    Response.Status.BAD_REQUEST,
                    title,
                    batch.errors().size() + " record(s) refused; nothing was accepted",
                    batch.errors());
        }
        return batch.read();
    }

    private static HttpProblem problem(
            Response.Status status, String title, String detail, List<PostedRecords.RecordError> errors) {
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .with("errors", errors)
                .build();
    }
}
