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

/**
 * Defender alerts and Windows security events for deployments without Event Hubs: rows of the Log Analytics tables
 * {@code SecurityAlert} and {@code SecurityEvent}, read and published on {@code coverwatch.inventory.security} as the
 * Event Hubs path does.
 */
@Path("/api/security-signals")
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
    public record Accepted(int accepted) {}

    /**
     * Accepts a batch ({@code {"records": [...]}}, an array, or one row) whole or not at all: 202 once every signal is
     * on Kafka; 400 naming each bad row's index and field; 413 beyond the batch limit.
     */
    @RolesAllowed(Roles.INGEST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(InputStream body) throws IOException {
        List<SecuritySignal> signals = SecurityIngest.accepted(
                PostedRecords.securitySignals(SecurityIngest.parse(json, body, TITLE)), config, TITLE);
        publisher.publish(List.of(), signals, SecurityIngest.API_ORIGIN);
        return Response.accepted(new Accepted(signals.size())).build();
    }
}
