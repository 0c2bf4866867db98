package io.coverwatch.evaluation.rest;

import io.coverwatch.evaluation.exemption.ExemptionStore;
import io.coverwatch.evaluation.exemption.ExemptionStore.StoredExemption;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.rules.exclusion.Exemption;
import io.coverwatch.evaluation.rules.exclusion.InvalidExemption;
import io.coverwatch.evaluation.verdict.EstateChanges;
import io.coverwatch.security.Actor;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * User exemptions: a rule does not count on a scope (subscription, resource group or resource) until the expiry. The
 * findings it covers stay visible, as excluded with the exemption's reason.
 */
@Path("/api/exemptions")
@Tag(name = "Exemptions", description = "Exempt a scope from a rule until an expiry; the findings stay visible.")
public class ExemptionsResource {

    /**
     * A request for an exemption; who asks for it is the caller's token.
     *
     * @param scope  a subscription, resource group or resource ID
     * @param ruleId a rule of the catalog, or {@code CW-MDC-<assessment key>} for a Defender recommendation
     */
    @Schema(description = "A request for an exemption; who asks for it is the caller's token.")
    public record ExemptionRequest(
            @Schema(
                            description = "Required: a subscription, resource group or resource ID starting with"
                                    + " /subscriptions/; at most 1,024 characters.")
                    @Size(max = 1024)
                    String scope,
            @Schema(
                            description = "Required: a rule of the catalog (CW-...), or CW-MDC-<assessment key> for a"
                                    + " Defender recommendation; at most 128 characters.")
                    @Size(max = 128)
                    String ruleId,
            @Schema(description = "Required: why, shown on every finding it covers; at most 2,048 characters.")
                    @Size(max = 2048)
                    String reason,
            @Schema(description = "Required: when it lapses; must be in the future.") Instant expiry) {}

    /**
     * An exemption as the API shows it, with who made it and who withdrew it.
     *
     * @param active in force now: not lapsed, not withdrawn
     */
    @Schema(description = "An exemption, with who made it and who withdrew it.")
    public record ExemptionView(
            @Schema(description = "The exemption's ID.") UUID id,
            @Schema(description = "The subscription, resource group or resource it covers.") String scope,
            @Schema(description = "The rule it exempts, in the catalog's spelling.") String ruleId,
            @Schema(description = "Why.") String reason,
            @Schema(description = "When it lapses.") Instant expiry,
            @Schema(description = "Who made it, from their token.") Actor createdBy,
            @Schema(description = "When it was made.") Instant createdAt,
            @Schema(description = "Who withdrew it; null while not withdrawn.") Actor withdrawnBy,
            @Schema(description = "When it was withdrawn; null while not withdrawn.") Instant withdrawnAt,
            @Schema(description = "In force now: not lapsed, not withdrawn.") boolean active) {}

    private final ExemptionStore exemptions;
    private final ResourceStates states;
    private final EstateChanges estate;
    private final Clock clock;
    private final Caller caller;

    ExemptionsResource(
            ExemptionStore exemptions, ResourceStates states, EstateChanges estate, Clock clock, Caller caller) {
        this.exemptions = exemptions;
        this.states = states;
        this.estate = estate;
        this.clock = clock;
        this.caller = caller;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Transactional
    @Operation(
            summary = "Create an exemption",
            description = "Exempts a scope from a rule until the expiry: the findings it covers turn excluded, with"
                    + " its reason, and are evaluated again at once. Needs Coverwatch.Operator.")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ExemptionView.class)))
    @APIResponse(
            responseCode = "400",
            description = "An unknown rule, a scope that is not an ARM ID, no reason, no expiry or one not in the"
                    + " future, or a field past its limit.")
    public Response create(@NotNull @Valid ExemptionRequest request) {
        Instant now = clock.instant();
        Exemption exemption;
        try {
            exemption = Exemption.create(
                    request.scope(), request.ruleId(), request.reason(), request.expiry(), caller.actor(), now);
        } catch (InvalidExemption e) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Invalid exemption")
                    .withDetail(e.getMessage())
                    .build();
        }
        StoredExemption stored = exemptions.add(exemption, now);
        estate.reevaluate(states.keysUnder(exemption.scope()), now);
        return Response.created(URI.create("/api/exemptions/" + stored.id()))
                .entity(view(stored, now))
                .build();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "List exemptions",
            description =
                    "Every exemption, lapsed and withdrawn ones too, one page at a time. Needs" + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of exemptions; an empty list past the last page.")
    @APIResponse(responseCode = "400", description = "page or size out of bounds.")
    public List<ExemptionView> list(
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Exemptions per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        Instant now = clock.instant();
        return exemptions.list(page, size).stream()
                .map(stored -> view(stored, now))
                .toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read one exemption", description = "One exemption by its ID. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The exemption.")
    @APIResponse(responseCode = "404", description = "No exemption with this ID.")
    public ExemptionView get(@Parameter(description = "The exemption's ID.") @PathParam("id") UUID id) {
        return exemptions.find(id).map(stored -> view(stored, clock.instant())).orElseThrow(() -> notFound(id));
    }

    /** Withdraws an exemption: the findings it covered open again. It stays listed, with who withdrew it. */
    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{id}")
    @Transactional
    @Operation(
            summary = "Withdraw an exemption",
            description = "Withdraws an exemption: the findings it covered are evaluated again and open unless"
                    + " something else excludes them. It stays listed, with who withdrew it (from the token). Needs"
                    + " Coverwatch.Operator.")
    @APIResponse(responseCode = "204", description = "Withdrawn.")
    @APIResponse(responseCode = "404", description = "No exemption with this ID, or it was withdrawn already.")
    public Response delete(@Parameter(description = "The exemption's ID.") @PathParam("id") UUID id) {
        Instant now = clock.instant();
        StoredExemption removed = exemptions.withdraw(id, caller.actor(), now).orElseThrow(() -> notFound(id));
        estate.reevaluate(states.keysUnder(removed.exemption().scope()), now);
        return Response.noContent().build();
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No exemption " + id);
    }

    private static ExemptionView view(StoredExemption stored, Instant now) {
        Exemption exemption = stored.exemption();
        return new ExemptionView(
                stored.id(),
                exemption.scope(),
                exemption.ruleId(),
                exemption.reason(),
                exemption.expiry(),
                exemption.createdBy(),
                stored.createdAt(),
                stored.withdrawnBy(),
                stored.withdrawnAt(),
                stored.withdrawnAt() == null && exemption.expiry().isAfter(now));
    }
}
