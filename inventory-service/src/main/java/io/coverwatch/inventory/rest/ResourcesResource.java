package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.inventory.resource.ResourceFilter;
import io.coverwatch.inventory.resource.ResourceInventory;
import io.coverwatch.inventory.resource.ResourceInventory.Report;
import io.coverwatch.inventory.resource.Sighting;
import io.coverwatch.inventory.resource.StoredResource;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Resources as inventory last saw them; submitting one is how scripts and the walking skeleton feed it. */
@Path("/api/resources")
@Tag(name = "Resources", description = "The estate as inventory last saw it: list, read, submit and forget resources.")
public class ResourcesResource {

    /** Where a resource submitted through this API says it came from. */
    static final String API_ORIGIN = "api";

    /** The most resources one batch may submit: a listing's largest page, so that a page read can be sent back. */
    static final int MAX_BATCH_RESOURCES = 1_000;

    private static final String ARM_ID_IN_PATH = "The resource's ARM ID without its leading slash, written as the"
            + " path: subscriptions/{subscription}/resourceGroups/{group}/providers/{type}/{name}. Any case.";

    private final ResourceInventory inventory;
    private final ObjectMapper json;
    private final Validator validator;

    ResourcesResource(ResourceInventory inventory, ObjectMapper json, Validator validator) {
        this.inventory = inventory;
        this.json = json;
        this.validator = validator;
    }

    /** A resource summary in listings, and in full with its state and its source's raw payload on the detail view. */
    @Schema(
            description =
                    "A resource: a summary in listings; in full, with its state and raw payload, when read alone.")
    public record ResourceView(
            @Schema(description = "The ARM resource ID.") String id,
            @Schema(description = "The ARM resource type.") String type,
            @Schema(description = "The resource's name.") String name,
            @Schema(description = "The subscription the resource is in.") String subscriptionId,
            @Schema(description = "Which source last reported it: api, demo, azure-rm or event-hubs.") String origin,
            @Schema(description = "When its state last changed.") Instant lastChanged,
            @Schema(description = "When a source last reported it, changed or not.") Instant lastSeen,
            @Schema(
                            description =
                                    "Its full state, as published on coverwatch.inventory.resources; only when read alone.")
                    AzureResource state,
            @Schema(
                            description = "The source's own payload (for Azure, the ARM resource as Resource Graph"
                                    + " returned it); only when read alone, and null for a resource submitted here.")
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

    /**
     * Submits the current state of a resource; 201 when it was new or changed, 200 when unchanged. A field the
     * contract does not have, at any depth, is refused (400 naming each) rather than silently not stored.
     */
    @RolesAllowed(Roles.INGEST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubmittedResource.class)))
    @Operation(
            summary = "Submit a resource's state",
            description = "Records the current state of one resource, as a script or the walking skeleton sends it,"
                    + " and publishes a ResourceUpserted event when it is new or changed. Needs Coverwatch.Ingest."
                    + " A field the contract does not have, at any depth, is refused and nothing is stored.")
    @APIResponse(
            responseCode = "201",
            description = "New or changed: stored and published.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ResourceView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Unchanged: only its last-seen time moved.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ResourceView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a resource: unreadable JSON, unknown fields (unknownFields, as JSON pointers) or a"
                    + " field past its limit (violations, naming each).")
    public Response submit(InputStream body) throws IOException {
        SubmittedResource submitted = read(body);
        List<Violation> violations = violations(submitted, "");
        if (!violations.isEmpty()) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Bad Request")
                    .with("violations", violations)
                    .build();
        }
        return inventory
                .recordAll(
                        List.of(new Report(submitted.toAzureResource(), null)),
                        API_ORIGIN,
                        (sighting, stored) -> Response.status(
                                        sighting == Sighting.UNCHANGED ? Response.Status.OK : Response.Status.CREATED)
                                .entity(ResourceView.of(stored, false))
                                .build())
                .get(0);
    }

    /** What one resource of a batch did, in the batch's order. */
    @Schema(
            name = "ResourceSubmission",
            description = "What one resource of a batch did to inventory, at the resource's place in the batch.")
    public record Submission(
            @Schema(description = "What this element did: CREATED, CHANGED or UNCHANGED.") Sighting outcome,
            @Schema(
                            description = "The resource's summary as this element left it; a later element of the"
                                    + " same batch for the same resource may change it again.")
                    ResourceView resource) {}

    /**
     * Submits the current state of many resources in one transaction, whole or not at all; each is recorded as
     * {@link #submit} records one, in the batch's order.
     */
    @RolesAllowed(Roles.INGEST)
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(
            required = true,
            description = "A JSON array of resources, each as POST /api/resources takes one; at most 1,000.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = SubmittedResource.class,
                                            maxItems = MAX_BATCH_RESOURCES)))
    @Operation(
            summary = "Submit many resources' states",
            description = "Records the current state of up to 1,000 resources in one transaction, in the array's"
                    + " order, each as POST /api/resources records one: new or changed ones are stored and"
                    + " published (a ResourceUpserted event each, in the array's order, once the batch commits),"
                    + " unchanged ones only have their last-seen time moved. A resource named twice ends as its later"
                    + " element leaves it. Every element is checked as POST /api/resources checks one; if any is"
                    + " refused, nothing is stored. Needs Coverwatch.Ingest.")
    @APIResponse(
            responseCode = "200",
            description = "Every element stored: what each did, in the batch's order.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = Submission.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not an array of resources, or bad elements, each named by its index: violations (field"
                    + " [3].type, with its limit), unknownFields (JSON pointers, /3/color), or field (a value of the"
                    + " wrong type, as a JSON pointer). Nothing was stored.")
    @APIResponse(responseCode = "413", description = "More than 1,000 resources (limit). Nothing was stored.")
    public List<Submission> submitBatch(InputStream body) throws IOException {
        SubmittedBatch batch;
        try {
            batch = SubmittedBatch.read(json, body, MAX_BATCH_RESOURCES);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage(), List.of());
        }
        if (batch.size() > MAX_BATCH_RESOURCES) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .withTitle("Batch too large")
                    .withDetail(String.format(
                            Locale.ROOT,
                            "%,d resources; at most %,d per batch: nothing was stored",
                            batch.size(),
                            MAX_BATCH_RESOURCES))
                    .with("limit", MAX_BATCH_RESOURCES)
                    .build();
        }
        List<Violation> violations = new ArrayList<>();
        SortedSet<Integer> badElements = new TreeSet<>(batch.withUnknownFields());
        for (int index = 0; index < batch.resources().size(); index++) {
            SubmittedResource submitted = batch.resources().get(index);
            List<Violation> elementViolations = submitted == null
                    ? List.of(new Violation("[" + index + "]", "body", "must be a resource, a JSON object"))
                    : violations(submitted, "[" + index + "].");
            if (!elementViolations.isEmpty()) {
                violations.addAll(elementViolations);
                badElements.add(index);
            }
        }
        if (!badElements.isEmpty()) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Bad Request")
                    .withDetail("resource(s) "
                            + String.join(
                                    ", ",
                                    badElements.stream()
                                            .map(index -> "[" + index + "]")
                                            .toList())
                            + " refused: nothing was stored")
                    .with("violations", violations)
                    .with("unknownFields", batch.unknownFields())
                    .build();
        }
        return inventory.recordAll(
                batch.resources().stream()
                        .map(submitted -> new Report(submitted.toAzureResource(), null))
                        .toList(),
                API_ORIGIN,
                (sighting, stored) -> new Submission(sighting, ResourceView.of(stored, false)));
    }

    /** A field that breaks a constraint, as Bean Validation's problems name it everywhere else. */
    public record Violation(String field, String in, String message) {}

    /** The resource's violations, by field; {@code element} names its place in a batch ({@code [3].}), or is empty. */
    private List<Violation> violations(SubmittedResource submitted, String element) {
        return validator.validate(submitted).stream()
                .map(violation -> new Violation(element + violation.getPropertyPath(), "body", violation.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
    }

    /** The body as a {@link SubmittedResource}, collecting every field it does not know, by its JSON pointer. */
    private SubmittedResource read(InputStream body) throws IOException {
        List<String> unknown = new ArrayList<>();
        SubmittedResource submitted;
        try {
            submitted = SubmittedResource.reader(json, unknown).readValue(body);
        } catch (JsonProcessingException e) {
            throw refused("not a resource: " + e.getOriginalMessage(), List.of());
        }
        if (submitted == null) {
            throw refused("a resource is required", List.of());
        }
        if (!unknown.isEmpty()) {
            throw refused("unknown field(s) " + String.join(", ", unknown) + ": nothing was stored", unknown);
        }
        return submitted;
    }

    private static HttpProblem refused(String detail, List<String> unknownFields) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(detail)
                .with("unknownFields", unknownFields)
                .build();
    }

    /** Lists resources; {@code tag} is {@code key=value} or a bare key, {@code q} searches names and IDs. */
    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "List resources",
            description = "Lists resources ordered by ARM ID, one page at a time, without their state and payload"
                    + " (read one resource for those). Filters combine. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of resources; an empty list past the last page.")
    @APIResponse(responseCode = "400", description = "A parameter or page size out of bounds (problem+json names it).")
    public List<ResourceView> list(
            @Parameter(description = "Only this subscription's resources (its ID, any case).")
                    @QueryParam("subscription")
                    String subscriptionId,
            @Parameter(description = "Only this ARM type, any case, for example Microsoft.Compute/virtualMachines.")
                    @QueryParam("type")
                    String type,
            @Parameter(description = "Only resources with this tag: key=value, or a bare key for any value.")
                    @QueryParam("tag")
                    String tag,
            @Parameter(description = "Text found, any case, anywhere in the name or the ARM ID.") @QueryParam("q")
                    String text,
            @Parameter(description = "Only resources a source last reported: api, demo, azure-rm or event-hubs.")
                    @QueryParam("origin")
                    String origin,
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Resources per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        return inventory.list(new ResourceFilter(subscriptionId, type, tag, text, origin), page, size).stream()
                .map(stored -> ResourceView.of(stored, false))
                .toList();
    }

    /** Forgets a resource: a ResourceDeleted event and a tombstone go out. */
    @RolesAllowed(Roles.INGEST)
    @DELETE
    @Path("/{id: subscriptions/.+}")
    @Operation(
            summary = "Forget a resource",
            description = "Forgets a resource: a ResourceDeleted event goes out, then a tombstone on the compacted"
                    + " resources topic. Needs Coverwatch.Ingest.")
    @APIResponse(responseCode = "204", description = "Forgotten.")
    @APIResponse(responseCode = "404", description = "Inventory has no resource with this ID.")
    public Response delete(@Parameter(description = ARM_ID_IN_PATH) @PathParam("id") String id) {
        if (!inventory.remove("/" + id, API_ORIGIN)) {
            throw new NotFoundException("No resource /" + id);
        }
        return Response.noContent().build();
    }

    /** One resource by its ARM ID, written as the path: {@code /api/resources/subscriptions/…}. */
    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id: subscriptions/.+}")
    @Operation(
            summary = "Read one resource",
            description = "One resource by its ARM ID, with its full state and its source's raw payload. Needs"
                    + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The resource.")
    @APIResponse(responseCode = "404", description = "Inventory has no resource with this ID.")
    public ResourceView get(@Parameter(description = ARM_ID_IN_PATH) @PathParam("id") String id) {
        return inventory
                .find("/" + id)
                .map(stored -> ResourceView.of(stored, true))
                .orElseThrow(() -> new NotFoundException("No resource /" + id));
    }
}
