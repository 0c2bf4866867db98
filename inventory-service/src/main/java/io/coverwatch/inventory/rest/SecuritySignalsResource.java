package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.SecuritySignal;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Defender alerts and Windows security events for deployments without Event Hubs: rows of the Log Analytics tables
 * {@code SecurityAlert} and {@code SecurityEvent}, read and published on {@code coverwatch.inventory.security} as the
 * Event Hubs path does.
 */
@Path("/api/security-signals")
@Tag(name = "Security ingest", description = "Push Defender recommendations and security signals without Event Hubs.")
public class SecuritySignalsResource {

    private static final String TITLE = "Security signals refused";

    private final SecurityPublisher publisher;
    private final ObjectMapper json;
    private final InventoryConfig.Security config;

    SecuritySignalsResource(SecurityPublisher publisher, InventoryConfig config, ObjectMapper json) {
        this.json = json;
        this.publisher = publisher;
        this.config = config.security();
    }

    /** How many records were accepted. */
    @Schema(name = "SignalsAccepted", description = "How many security signals were accepted.")
    public record Accepted(@Schema(description = "Signals now on Kafka.") int accepted) {}

    /**
     * Accepts a batch ({@code {"records": [...]}}, an array, or one row) whole or not at all: 202 once every signal is
     * on Kafka; 400 naming each bad row's index and field; 413 beyond the batch limit.
     */
    @RolesAllowed(Roles.INGEST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ingest security signals",
            description = "Takes rows of the Log Analytics tables SecurityAlert (Defender alerts) and SecurityEvent"
                    + " (Windows security events), told apart by Type, as {\"records\": [...]}, an array or one row,"
                    + " whole or not at all, and publishes them on coverwatch.inventory.security as the Event Hubs path"
                    + " does. At most coverwatch.inventory.security.max-batch-records (5,000) records. Needs"
                    + " Coverwatch.Ingest.")
    @RequestBody(
            required = true,
            description = "SecurityAlert and SecurityEvent rows: {\"records\": [...]}, an array or one row.")
    @APIResponse(
            responseCode = "202",
            description = "Every signal is on Kafka.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not JSON, or bad rows: errors names each bad row's index and reason; nothing was accepted.")
    @APIResponse(
            responseCode = "413",
            description = "More records than coverwatch.inventory.security.max-batch-records.")
    public Response ingest(InputStream body) throws IOException {
        List<SecuritySignal> signals = SecurityIngest.accepted(
                PostedRecords.securitySignals(SecurityIngest.parse(json, body, TITLE)), config, TITLE);
        publisher.publish(List.of(), signals, SecurityIngest.API_ORIGIN);
        return Response.accepted(new Accepted(signals.size())).build();
    }
}
