package io.coverwatch.remediation.safety;

import io.coverwatch.remediation.catalog.RemediationAction;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's safety settings.
 *
 * @param dryRun              describe every action without making it
 * @param killSwitch          refuse every action
 * @param optOut              the tag that marks "critical VMs that shouldn't have agents" (seed 001)
 * @param blastRadiusCap      at most this many changes per subscription within {@code blastRadiusWindow}; the next
 *                            one waits for approval
 * @param rateLimit           at most this many changes per subscription within {@code rateWindow}; the next one is
 *                            deferred until the window has room
 * @param breakerThreshold    consecutive failures of one action in one subscription that open its circuit breaker
 * @param maxReinstallAttempts reinstalls of one extension on one resource before Coverwatch gives up
 * @param policies            operator policies; actions without one use {@link #defaultMode(RemediationAction)}
 */
public record SafetySettings(
        boolean dryRun,
        boolean killSwitch,
        PolicyScope.Tag optOut,
        int blastRadiusCap,
        Duration blastRadiusWindow,
        int rateLimit,
        Duration rateWindow,
        int breakerThreshold,
        int maxReinstallAttempts,
        List<RemediationPolicy> policies) {

    /** Paid or policy-weakening actions wait for a person unless a policy says otherwise. */
    private static final Map<RemediationAction, PolicyMode> DEFAULT_MODES = defaultModes();

    public SafetySettings {
        Objects.requireNonNull(optOut, "optOut");
        Objects.requireNonNull(blastRadiusWindow, "blastRadiusWindow");
        Objects.requireNonNull(rateWindow, "rateWindow");
        policies = List.copyOf(policies);
    }

    /** A fresh install: dry-run on, opt-out tag {@code coverwatch-remediation=off}, 20 changes an hour, 5 a minute. */
    public static SafetySettings freshInstall() {
        return new SafetySettings(
                true,
                false,
                new PolicyScope.Tag("coverwatch-remediation", "off"),
                20,
                Duration.ofHours(1),
                5,
                Duration.ofMinutes(1),
                3,
                3,
                List.of());
    }

    public static PolicyMode defaultMode(RemediationAction action) {
        return DEFAULT_MODES.get(action);
    }

    public SafetySettings withDryRun(boolean on) {
        return new SafetySettings(
                on,
                killSwitch,
                optOut,
                blastRadiusCap,
                blastRadiusWindow,
                rateLimit,
                rateWindow,
                breakerThreshold,
                maxReinstallAttempts,
                policies);
    }

    public SafetySettings withKillSwitch(boolean on) {
        return new SafetySettings(
                dryRun,
                on,
                optOut,
                blastRadiusCap,
                blastRadiusWindow,
                rateLimit,
                rateWindow,
                breakerThreshold,
                maxReinstallAttempts,
                policies);
    }

    public SafetySettings withPolicies(List<RemediationPolicy> newPolicies) {
        return new SafetySettings(
                dryRun,
                killSwitch,
                optOut,
                blastRadiusCap,
                blastRadiusWindow,
                rateLimit,
                rateWindow,
                breakerThreshold,
                maxReinstallAttempts,
                newPolicies);
    }

    private static Map<RemediationAction, PolicyMode> defaultModes() {
        Map<RemediationAction, PolicyMode> modes = new EnumMap<>(RemediationAction.class);
        for (RemediationAction action : RemediationAction.values()) {
            modes.put(action, PolicyMode.AUTO);
        }
        modes.put(RemediationAction.ENABLE_DEFENDER_PLAN, PolicyMode.APPROVAL);
        modes.put(RemediationAction.CREATE_POLICY_EXEMPTION, PolicyMode.APPROVAL);
        return Map.copyOf(modes);
    }
}
