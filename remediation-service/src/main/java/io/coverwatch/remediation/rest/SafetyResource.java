package io.coverwatch.remediation.rest;

import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.controls.SafetyControls;
import io.coverwatch.remediation.controls.SafetyControls.Switches;
import io.coverwatch.remediation.safety.SafetySettings;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The global switches (kill switch, dry-run), the limits in force, and closing a circuit breaker. */
@Path("/api/safety")
@Tag(name = "Safety", description = "The kill switch, dry-run, the limits in force, and circuit breakers.")
public class SafetyResource {

    private final SafetyControls controls;
    private final Caller caller;

    SafetyResource(SafetyControls controls, Caller caller) {
        this.controls = controls;
        this.caller = caller;
    }

    /** The switches with who set them, and the limits from configuration. */
    @Schema(description = "The switches with who set them, and the limits from configuration.")
    public record SafetyView(
            @Schema(description = "Engaged: every remediation is refused.") boolean killSwitch,
            @Schema(description = "On: every plan is only described.") boolean dryRun,
            @Schema(description = "The subject of whoever last set a switch.") String changedBy,
            @Schema(description = "When a switch was last set.") Instant changedAt,
            @Schema(description = "Why, as they said.") String reason,
            @Schema(
                            description =
                                    "The tag (name=value) that marks a resource Coverwatch never changes (seed 001's critical VMs).")
                    String optOutTag,
            @Schema(
                            description =
                                    "The most changes per subscription within blastRadiusWindow; then it stops and asks for approval.")
                    int blastRadiusCap,
            @Schema(description = "The blast-radius cap's window.") Duration blastRadiusWindow,
            @Schema(description = "The most changes per subscription within rateWindow; the next one waits its turn.")
                    int rateLimit,
            @Schema(description = "The rate limit's window.") Duration rateWindow,
            @Schema(
                            description =
                                    "Consecutive failures of one action in one subscription that open its circuit breaker.")
                    int breakerThreshold,
            @Schema(
                            description =
                                    "Reinstalls of one extension on one machine before Coverwatch gives up and asks a person.")
                    int maxReinstallAttempts) {

        static SafetyView of(Switches switches, SafetySettings settings) {
            return new SafetyView(
                    switches.killSwitch(),
                    switches.dryRun(),
                    switches.changedBy(),
                    switches.changedAt(),
                    switches.reason(),
                    settings.optOut().toString(),
                    settings.blastRadiusCap(),
                    settings.blastRadiusWindow(),
                    settings.rateLimit(),
                    settings.rateWindow(),
                    settings.breakerThreshold(),
                    settings.maxReinstallAttempts());
        }
    }

    /** Turn a switch on or off, saying why. */
    @Schema(description = "Turn a switch on or off, saying why.")
    public record Switch(
            @Schema(description = "Required: on (true) or off (false).") @NotNull Boolean on,
            @Schema(description = "Why, kept with the switch; at most 2,000 characters.") @Size(max = 2000)
                    String reason) {}

    /** The breaker of one action in one subscription. */
    @Schema(description = "The circuit breaker of one action in one subscription.")
    public record BreakerReset(
            @Schema(description = "Required: the subscription's ID; at most 64 characters.") @NotBlank @Size(max = 64)
                    String subscriptionId,
            @Schema(description = "Required: the action.") @NotNull RemediationAction action) {}

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(
            summary = "Read the safety controls",
            description = "The kill switch and dry-run with who set them and why, and the limits in force. Needs"
                    + " Coverwatch.Reader.")
    public SafetyView get() {
        return SafetyView.of(controls.switches(), controls.settings());
    }

    /** Engaged, every remediation is refused, including those already queued; those executing finish. */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/kill-switch")
    @Operation(
            summary = "Set the kill switch",
            description = "Engaged, every remediation is refused, including those already queued; those executing"
                    + " finish. Needs Coverwatch.Admin.")
    @APIResponse(responseCode = "200", description = "The safety controls now.")
    @APIResponse(responseCode = "400", description = "No on, or reason past 2,000 characters.")
    public SafetyView killSwitch(@Valid @NotNull Switch change) {
        Switches switches =
                controls.setKillSwitch(change.on(), caller.actor().subject(), change.reason(), Instant.now());
        return SafetyView.of(switches, controls.settings());
    }

    /** On, every plan is only described; off, plans run under their policies. */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/dry-run")
    @Operation(
            summary = "Set dry-run",
            description = "On, every plan is only described, with the exact request it would send; off, plans run"
                    + " under their policies. Needs Coverwatch.Admin.")
    @APIResponse(responseCode = "200", description = "The safety controls now.")
    @APIResponse(responseCode = "400", description = "No on, or reason past 2,000 characters.")
    public SafetyView dryRun(@Valid @NotNull Switch change) {
        Switches switches = controls.setDryRun(change.on(), caller.actor().subject(), change.reason(), Instant.now());
        return SafetyView.of(switches, controls.settings());
    }

    /** Closes a circuit breaker once the cause of its failures is fixed: earlier failures stop counting. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/breakers/reset")
    @Operation(
            summary = "Close a circuit breaker",
            description = "Closes the circuit breaker of one action in one subscription once the cause of its"
                    + " failures is fixed: earlier failures stop counting. Needs Coverwatch.Admin.")
    @APIResponse(responseCode = "200", description = "The safety controls now.")
    @APIResponse(responseCode = "400", description = "No subscriptionId or action, or a field past its limit.")
    public SafetyView resetBreaker(@Valid @NotNull BreakerReset reset) {
        controls.resetBreaker(
                reset.subscriptionId(), reset.action(), caller.actor().subject(), Instant.now());
        return SafetyView.of(controls.switches(), controls.settings());
    }
}
