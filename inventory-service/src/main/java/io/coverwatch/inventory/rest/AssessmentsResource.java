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

/**
 * Defender recommendations for deployments without Event Hubs: continuous export's items ({@code
 * Microsoft.Security/assessments}), read and published on {@code coverwatch.inventory.security} as the Event Hubs path
 * does.
 */
@Path("/api/assessments")
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
    public record Accepted(int accepted) {}

    /**
     * Accepts a batch ({@code {"records": [...]}}, an array, or one recommendation) whole or not at all: 202 once
     * every recommendation is on Kafka; 400 naming each bad record's index and field; 413 beyond the batch limit.
     */
    @RolesAllowed(Roles.INGEST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(InputStream body) throws IOException {
        List<DefenderAssessment> assessments = SecurityIngest.accepted(
                PostedRecords.assessments(SecurityIngest.parse(json, body, TITLE), clock.instant()), config, TITLE);
        publisher.publish(assessments, List.of(), SecurityIngest.API_ORIGIN);
        return Response.accepted(new Accepted(assessments.size())).build();
    }
}
