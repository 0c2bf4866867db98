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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * User exemptions: a rule does not count on a scope (subscription, resource group or resource) until the expiry. The
 * findings it covers stay visible, as excluded with the exemption's reason.
 */
@Path("/api/exemptions")
public class ExemptionsResource {

    /**
     * A request for an exemption; who asks for it is the caller's token.
     *
     * @param scope  a subscription, resource group or resource ID
     * @param ruleId a rule of the catalog, or {@code CW-MDC-<assessment key>} for a Defender recommendation
     */
    public record ExemptionRequest(
            @Size(max = 1024) String scope,
            @Size(max = 128) String ruleId,
            @Size(max = 2048) String reason,
            Instant expiry) {}

    /**
     * An exemption as the API shows it, with who made it and who withdrew it.
     *
     * @param active in force now: not lapsed, not withdrawn
     */
    public record ExemptionView(
            UUID id,
            String scope,
            String ruleId,
            String reason,
            Instant expiry,
            Actor createdBy,
            Instant createdAt,
            Actor withdrawnBy,
            Instant withdrawnAt,
            boolean active) {}

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
    public List<ExemptionView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        Instant now = clock.instant();
        return exemptions.list(page, size).stream()
                .map(stored -> view(stored, now))
                .toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    public ExemptionView get(@PathParam("id") UUID id) {
        return exemptions.find(id).map(stored -> view(stored, clock.instant())).orElseThrow(() -> notFound(id));
    }

    /** Withdraws an exemption: the findings it covered open again. It stays listed, with who withdrew it. */
    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") UUID id) {
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
