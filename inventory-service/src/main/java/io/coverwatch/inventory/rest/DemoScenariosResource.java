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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The demo estate's controls: scenarios that break something ({@code /api/demo/scenarios}) and the remediation actions
 * that fix it ({@code /api/demo/actions}). Each answers with the resource as the demo now has it.
 */
@Path("/api/demo")
@Tag(name = "Demo estate", description = "Break the demo estate with a scenario, and fix it with an action.")
public class DemoScenariosResource {

    private final DemoEstate estate;
    private final DemoEstateRunner runner;

    DemoScenariosResource(DemoEstate estate, DemoEstateRunner runner) {
        this.estate = estate;
        this.runner = runner;
    }

    /** A scenario or action as listed. */
    @Schema(description = "A demo scenario or action, as listed.")
    public record Described(
            @Schema(description = "Its name, as the path or the body's action names it.") String name,
            @Schema(description = "What it does to the resource.") String description,
            @Schema(description = "The request fields it reads.") List<String> fields) {}

    /**
     * A resource after a scenario or action.
     *
     * @param published       whether its state changed, so a ResourceUpserted went out
     * @param amaHeartbeat    whether its Azure Monitor Agent runs (machines)
     * @param sendsHeartbeats the Heartbeat categories it now sends
     * @param sendsSecurityEvents whether it now sends Windows security events (SecurityEvent rows)
     */
    @Schema(description = "The resource as the demo estate now has it, after a scenario or action.")
    public record Result(
            @Schema(description = "The resource's state.") AzureResource resource,
            @Schema(description = "Whether its state changed, so a ResourceUpserted event went out.") boolean published,
            @Schema(description = "Its Azure Monitor Agent: running or stopped (machines).") String amaHeartbeat,
            @Schema(description = "Its legacy Log Analytics agent: running or stopped.") String legacyAgentHeartbeat,
            @Schema(description = "The Heartbeat categories it now sends.") List<String> sendsHeartbeats,
            @Schema(description = "Whether it now sends Windows security events (SecurityEvent rows).")
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
    @Operation(
            summary = "List demo scenarios",
            description = "The scenarios that break something in the demo estate, with the fields each reads."
                    + " Needs Coverwatch.Reader.")
    public List<Described> scenarios() {
        return Arrays.stream(Scenario.values())
                .map(scenario -> new Described(scenario.spelling(), scenario.description(), scenario.fields()))
                .toList();
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/scenarios/{scenario}")
    @Operation(
            summary = "Play a demo scenario",
            description = "Changes a demo resource as the scenario says (an agent stops or restarts, a VM is powered"
                    + " off, an extension fails or is removed, a plan is switched off, a policy denies extensions) and"
                    + " publishes the change, so evaluation and the alerts follow as they would"
                    + " in Azure. Needs Coverwatch.Operator.")
    @APIResponse(responseCode = "200", description = "The resource after the scenario.")
    @APIResponse(
            responseCode = "400",
            description = "The demo estate has no such resource, it is not of the kind the scenario needs, a field"
                    + " the scenario needs is missing, or a field passes its limit.")
    @APIResponse(responseCode = "404", description = "No demo scenario with this name.")
    @APIResponse(responseCode = "409", description = "The demo estate is off (coverwatch.inventory.demo.enabled).")
    public Result play(
            @Parameter(description = "The scenario's name, as GET /api/demo/scenarios lists it.") @PathParam("scenario")
                    String name,
            @NotNull @Valid DemoRequest request) {
        Scenario scenario =
                Scenario.named(name).orElseThrow(() -> problem(Response.Status.NOT_FOUND, "No demo scenario " + name));
        return run(() -> runner.play(scenario, request));
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/actions")
    @Operation(
            summary = "List demo actions",
            description = "The remediation actions the demo estate can apply, with the fields each reads. Needs"
                    + " Coverwatch.Reader.")
    public List<Described> actions() {
        return Arrays.stream(DemoAction.values())
                .map(action -> new Described(action.spelling(), action.description(), action.fields()))
                .toList();
    }

    /** Applies a remediation action, named by the body's {@code action}, to the demo estate. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/actions")
    @Operation(
            summary = "Apply a demo action",
            description = "Applies the remediation action the body's action names to a demo resource, as"
                    + " remediation-service does when it executes against the demo estate. Needs Coverwatch.Operator.")
    @APIResponse(responseCode = "200", description = "The resource after the action.")
    @APIResponse(
            responseCode = "400",
            description = "No such action, the demo estate has no such resource or not of the kind the action"
                    + " needs, a field the action needs is missing, or a field passes its limit.")
    @APIResponse(
            responseCode = "409",
            description = "The demo estate is off (coverwatch.inventory.demo.enabled), or Azure would refuse the"
                    + " action (a policy assignment denies the machine's extensions).")
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
