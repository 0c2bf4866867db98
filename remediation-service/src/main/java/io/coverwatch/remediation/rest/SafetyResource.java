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

/** The global switches (kill switch, dry-run), the limits in force, and closing a circuit breaker. */
@Path("/api/safety")
public class SafetyResource {

    private final SafetyControls controls;
    private final Caller caller;

    SafetyResource(SafetyControls controls, Caller caller) {
        this.controls = controls;
        this.caller = caller;
    }

    /** The switches with who set them, and the limits from configuration. */
    public record SafetyView(
            boolean killSwitch,
            boolean dryRun,
            String changedBy,
            Instant changedAt,
            String reason,
            String optOutTag,
            int blastRadiusCap,
            Duration blastRadiusWindow,
            int rateLimit,
            Duration rateWindow,
            int breakerThreshold,
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
    public record Switch(@NotNull Boolean on, @Size(max = 2000) String reason) {}

    /** The breaker of one action in one subscription. */
    public record BreakerReset(@NotBlank @Size(max = 64) String subscriptionId, @NotNull RemediationAction action) {}

    @GET
    @RolesAllowed(Roles.READER)
    public SafetyView get() {
        return SafetyView.of(controls.switches(), controls.settings());
    }

    /** Engaged, every remediation is refused, including those already queued; those executing finish. */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/kill-switch")
    public SafetyView killSwitch(@Valid @NotNull Switch change) {
        Switches switches =
                controls.setKillSwitch(change.on(), caller.actor().subject(), change.reason(), Instant.now());
        return SafetyView.of(switches, controls.settings());
    }

    /** On, every plan is only described; off, plans run under their policies. */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/dry-run")
    public SafetyView dryRun(@Valid @NotNull Switch change) {
        Switches switches = controls.setDryRun(change.on(), caller.actor().subject(), change.reason(), Instant.now());
        return SafetyView.of(switches, controls.settings());
    }

    /** Closes a circuit breaker once the cause of its failures is fixed: earlier failures stop counting. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/breakers/reset")
    public SafetyView resetBreaker(@Valid @NotNull BreakerReset reset) {
        controls.resetBreaker(
                reset.subscriptionId(), reset.action(), caller.actor().subject(), Instant.now());
        return SafetyView.of(controls.switches(), controls.settings());
    }
}
