package io.coverwatch.inventory.rest;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.inventory.demo.ActionRefused;
import io.coverwatch.inventory.demo.DemoAction;
import io.coverwatch.inventory.demo.DemoEstate;
import io.coverwatch.inventory.demo.DemoEstateRunner;
import io.coverwatch.inventory.demo.DemoRequest;
import io.coverwatch.inventory.demo.InvalidDemoRequest;
import io.coverwatch.inventory.demo.Scenario;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The demo estate's controls: scenarios that break something ({@code /api/demo/scenarios}) and the remediation actions
 * that fix it ({@code /api/demo/actions}). Each answers with the resource as the demo now has it.
 */
@Path("/api/demo")
public class DemoScenariosResource {

    private final DemoEstate estate;
    private final DemoEstateRunner runner;

    DemoScenariosResource(DemoEstate estate, DemoEstateRunner runner) {
        this.estate = estate;
        this.runner = runner;
    }

    /** A scenario or action as listed. */
    public record Described(String name, String description, List<String> fields) {}

    /**
     * A resource after a scenario or action.
     *
     * @param published       whether its state changed, so a ResourceUpserted went out
     * @param amaHeartbeat    whether its Azure Monitor Agent runs (machines)
     * @param sendsHeartbeats the Heartbeat categories it now sends
     * @param sendsSecurityEvents whether it now sends Windows security events (SecurityEvent rows)
     */
    public record Result(
            AzureResource resource,
            boolean published,
            String amaHeartbeat,
            String legacyAgentHeartbeat,
            List<String> sendsHeartbeats,
            boolean sendsSecurityEvents) {

        static Result of(DemoEstateRunner.Outcome outcome) {
            return new Result(
                    outcome.resource().resource(),
                    outcome.published(),
                    outcome.resource().amaHeartbeat().spelling(),
                    outcome.resource().legacyAgentHeartbeat().spelling(),
                    outcome.sendsHeartbeats(),
                    outcome.sendsSecurityEvents());
        }
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/scenarios")
    public List<Described> scenarios() {
        return Arrays.stream(Scenario.values())
                .map(scenario -> new Described(scenario.spelling(), scenario.description(), scenario.fields()))
                .toList();
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/scenarios/{scenario}")
    public Result play(@PathParam("scenario") String name, @NotNull @Valid DemoRequest request) {
        Scenario scenario =
                Scenario.named(name).orElseThrow(() -> problem(Response.Status.NOT_FOUND, "No demo scenario " + name));
        return run(() -> runner.play(scenario, request));
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/actions")
    public List<Described> actions() {
        return Arrays.stream(DemoAction.values())
                .map(action -> new Described(action.spelling(), action.description(), action.fields()))
                .toList();
    }

    /** Applies a remediation action, named by the body's {@code action}, to the demo estate. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/actions")
    public Result act(@NotNull @Valid DemoRequest request) {
        DemoAction action = DemoAction.named(request.action())
                .orElseThrow(() -> problem(
                        Response.Status.BAD_REQUEST,
                        "action must be one of "
                                + Arrays.stream(DemoAction.values())
                                        .map(DemoAction::spelling)
                                        .toList()));
        return run(() -> runner.apply(action, request));
    }

    private Result run(Supplier<DemoEstateRunner.Outcome> change) {
        if (!estate.loaded()) {
            throw problem(Response.Status.CONFLICT, "The demo estate is off (coverwatch.inventory.demo.enabled)");
        }
        try {
            return Result.of(change.get());
        } catch (InvalidDemoRequest e) {
            throw problem(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (ActionRefused e) {
            throw problem(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private static HttpProblem problem(Response.Status status, String detail) {
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle(status.getReasonPhrase())
                .withDetail(detail)
                .build();
    }
}
