package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.heartbeat.HeartbeatPublisher;
import io.coverwatch.inventory.heartbeat.HeartbeatRecords;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Direct ingest: agents and scripts push Heartbeat-table rows; they go to Kafka before the request is answered. */
@Path("/api/heartbeats")
@Tag(name = "Heartbeats", description = "Push Log Analytics Heartbeat rows, as agents and scripts send them.")
public class HeartbeatsResource {

    /** Where heartbeats pushed through this API say they came from. */
    static final String API_ORIGIN = "api";

    private final HeartbeatPublisher publisher;
    private final InventoryConfig.Heartbeats config;
    private final Clock clock;

    HeartbeatsResource(HeartbeatPublisher publisher, InventoryConfig config, Clock clock) {
        this.publisher = publisher;
        this.config = config.heartbeats();
        this.clock = clock;
    }

    /** How many heartbeats were accepted. */
    @Schema(name = "HeartbeatsAccepted", description = "How many heartbeats were accepted.")
    public record Accepted(@Schema(description = "Heartbeats now on Kafka.") int accepted) {}

    /**
     * Accepts a batch whole or not at all: 202 once every heartbeat is on Kafka; 400 naming each bad record's index
     * and field; 503 with {@code Retry-After} when the broker did not take them in time; 413 when the batch has more records than allowed. The body is read as it streams, never as a tree.
     */
    @RolesAllowed(Roles.INGEST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ingest heartbeats",
            description = "Takes a batch of Log Analytics Heartbeat rows (Computer, ResourceId, Category,"
                    + " TimeGenerated...), as a JSON array or {\"records\": [...]}, whole or not at all: it is"
                    + " answered once every heartbeat is on Kafka. At most coverwatch.inventory.heartbeats"
                    + ".max-batch-records (10,000) records and 16 MB; a TimeGenerated may lie at most"
                    + " coverwatch.inventory.heartbeats.max-clock-skew (5 minutes) in the future. Heartbeats are"
                    + " deduplicated by ID, so a batch may be sent again. Needs Coverwatch.Ingest.")
    @RequestBody(
            required = true,
            description =
                    "Heartbeat rows as Log Analytics' Heartbeat table has them: an array, or {\"records\": [...]}.")
    @APIResponse(
            responseCode = "202",
            description = "Every heartbeat is on Kafka.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a batch, or bad records: errors names each bad record's index, field and reason;"
                    + " nothing was accepted.")
    @APIResponse(
            responseCode = "413",
            description = "More records than coverwatch.inventory.heartbeats.max-batch-records.")
    @APIResponse(
            responseCode = "503",
            description =
                    "The broker did not take the batch within coverwatch.inventory.heartbeats.send-timeout (10 s);"
                            + " send it again after Retry-After seconds.")
    public Response ingest(InputStream body) throws IOException {
        HeartbeatRecords.Batch batch;
        try {
            batch = HeartbeatRecords.read(body, clock.instant(), config.maxClockSkew(), config.maxBatchRecords());
        } catch (IllegalArgumentException e) {
            throw problem(Response.Status.BAD_REQUEST, e.getMessage(), List.of());
        } catch (JsonProcessingException e) {
            throw problem(Response.Status.BAD_REQUEST, "not JSON: " + e.getOriginalMessage(), List.of());
        }
        if (batch.records() > config.maxBatchRecords()) {
            throw problem(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    batch.records() + " records; at most " + config.maxBatchRecords() + " per batch",
                    List.of());
        }
        if (!batch.errors().isEmpty()) {
            throw problem(
                    Response.Status.BAD_REQUEST,
                    batch.errors().size() + " record(s) refused; nothing was accepted",
                    batch.errors());
        }
        // A broker that does not answer is a 503 with Retry-After (the shared UnavailableProblems): nothing was
        // acknowledged, so the client sends the batch again; heartbeats are deduplicated by ID.
        publisher.publish(batch.heartbeats(), API_ORIGIN);
        return Response.accepted(new Accepted(batch.heartbeats().size())).build();
    }

    private static HttpProblem problem(
            Response.Status status, String detail, List<HeartbeatRecords.RecordError> errors) {
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle("Heartbeat batch refused")
                .withDetail(detail)
                .with("errors", errors)
                .build();
    }
}
