package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.inventory.resource.ResourceFilter;
import io.coverwatch.inventory.resource.ResourceInventory;
import io.coverwatch.inventory.resource.StoredResource;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Resources as inventory last saw them; submitting one is how scripts and the walking skeleton feed it. */
@Path("/api/resources")
public class ResourcesResource {

    /** Where a resource submitted through this API says it came from. */
    static final String API_ORIGIN = "api";

    private final ResourceInventory inventory;

    ResourcesResource(ResourceInventory inventory) {
        this.inventory = inventory;
    }

    /** A resource summary in listings, and in full with its state and its source's raw payload on the detail view. */
    public record ResourceView(
            String id,
            String type,
            String name,
            String subscriptionId,
            String origin,
            Instant lastChanged,
            Instant lastSeen,
            AzureResource state,
            JsonNode rawPayload) {

        static ResourceView of(StoredResource stored, boolean withState) {
            return new ResourceView(
                    stored.resourceId,
                    stored.type,
                    stored.name,
                    stored.subscriptionId,
                    stored.origin,
                    stored.lastChanged,
                    stored.lastSeen,
                    withState ? ContractsJson.fromJson(stored.state, AzureResource.class) : null,
                    withState && stored.rawPayload != null
                            ? ContractsJson.fromJson(stored.rawPayload, JsonNode.class)
                            : null);
        }
    }

    /** Submits the current state of a resource; 201 when it was new or changed, 200 when unchanged. */
    @RolesAllowed(Roles.INGEST)
    @POST
    public Response submit(@NotNull @Valid SubmittedResource submitted) {
        AzureResource resource = submitted.toAzureResource();
        boolean changed = inventory.record(resource, API_ORIGIN);
        ResourceView view = ResourceView.of(inventory.find(resource.id()).orElseThrow(), false);
        return Response.status(changed ? Response.Status.CREATED : Response.Status.OK)
                .entity(view)
                .build();
    }

    /** Lists resources; {@code tag} is {@code key=value} or a bare key, {@code q} searches names and IDs. */
    @RolesAllowed(Roles.READER)
    @GET
    public List<ResourceView> list(
            @QueryParam("subscription") String subscriptionId,
            @QueryParam("type") String type,
            @QueryParam("tag") String tag,
            @QueryParam("q") String text,
            @QueryParam("origin") String origin,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return inventory.list(new ResourceFilter(subscriptionId, type, tag, text, origin), page, size).stream()
                .map(stored -> ResourceView.of(stored, false))
                .toList();
    }

    /** Forgets a resource: a ResourceDeleted event and a tombstone go out. */
    @RolesAllowed(Roles.INGEST)
    @DELETE
    @Path("/{id: subscriptions/.+}")
    public Response delete(@PathParam("id") String id) {
        if (!inventory.remove("/" + id, API_ORIGIN)) {
            throw new NotFoundException("No resource /" + id);
        }
        return Response.noContent().build();
    }

    /** One resource by its ARM ID, written as the path: {@code /api/resources/subscriptions/…}. */
    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id: subscriptions/.+}")
    public ResourceView get(@PathParam("id") String id) {
        return inventory
                .find("/" + id)
                .map(stored -> ResourceView.of(stored, true))
                .orElseThrow(() -> new NotFoundException("No resource /" + id));
    }
}
