package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.signal.PostedRecords;
import io.coverwatch.inventory.signal.SecurityPublisher;
import io.coverwatch.security.Roles;
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

/**
 * Defender recommendations for deployments without Event Hubs: continuous export's items ({@code
 * Microsoft.Security/assessments}), read and published on {@code coverwatch.inventory.security} as the Event Hubs path
 * does.
 */
@Path("/api/assessments")
@Tag(name = "Security ingest", description = "Push Defender recommendations and security signals without Event Hubs.")
public class AssessmentsResource {

    private static final String TITLE = "Recommendations refused";

    private final SecurityPublisher publisher;
    private final ObjectMapper json;
    private final InventoryConfig.Security config;
    private final Clock clock;

    AssessmentsResource(SecurityPublisher publisher, InventoryConfig config, Clock clock, ObjectMapper json) {
        this.json = json;
        this.publisher = publisher;
        this.config = config.security();
        this.clock = clock;
    }

    /** How many records were accepted. */
    @Schema(name = "AssessmentsAccepted", description = "How many recommendations were accepted.")
    public record Accepted(@Schema(description = "Recommendations now on Kafka.") int accepted) {}

    /**
     * Accepts a batch ({@code {"records": [...]}}, an array, or one recommendation) whole or not at all: 202 once
     * every recommendation is on Kafka; 400 naming each bad record's index and field; 413 beyond the batch limit.
     */
    @RolesAllowed(Roles.INGEST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ingest Defender recommendations",
            description = "Takes Defender for Cloud recommendations in continuous export's shape (items of"
                    + " Microsoft.Security/assessments), as {\"records\": [...]}, an array or one recommendation,"
                    + " whole or not at all, and publishes them on coverwatch.inventory.security as the Event Hubs path"
                    + " does. At most coverwatch.inventory.security.max-batch-records (5,000) records. Needs"
                    + " Coverwatch.Ingest.")
    @RequestBody(
            required = true,
            description = "Continuous export's assessment items: {\"records\": [...]}, an array or one item.")
    @APIResponse(
            responseCode = "202",
            description = "Every recommendation is on Kafka.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not JSON, or bad records: errors names each bad record's index and reason; nothing was"
                    + " accepted.")
    @APIResponse(
            responseCode = "413",
            description = "More records than coverwatch.inventory.security.max-batch-records.")
    public Response ingest(InputStream body) throws IOException {
        List<DefenderAssessment> assessments = SecurityIngest.accepted(
                PostedRecords.assessments(SecurityIngest.parse(json, body, TITLE), clock.instant()), config, TITLE);
        publisher.publish(assessments, List.of(), SecurityIngest.API_ORIGIN);
        return Response.accepted(new Accepted(assessments.size())).build();
    }
}
