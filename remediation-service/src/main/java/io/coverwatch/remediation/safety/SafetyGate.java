package io.coverwatch.remediation.safety;

import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.catalog.RemediationPlan;
import io.coverwatch.remediation.catalog.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an automatic plan may run now (DESIGN.md §4). The checks run from the absolute to the situational:
 * a redelivery, the kill switch, the opt-out tag, a NEVER policy, an open circuit breaker and spent reinstall attempts
 * refuse even in dry-run, so a dry run shows what a live run would really do; then dry-run; then the blast-radius cap,
 * the rate limit and approval. A person's approval lifts the cap and the approval policy, nothing else.
 */
public final class SafetyGate {

    private SafetyGate() {}

    public static Decision decide(RemediationPlan.Automatic plan, SafetyContext context) {
        SafetySettings settings = context.settings();
        Target target = plan.target();
        RemediationAction action = plan.action();
        String key = plan.idempotencyKey();
        if (context.actedKeys().contains(key)) {
            return new Decision.AlreadyActed(
                    key,
                    "Already acted on this finding: " + action.description() + " on " + target.name()
                            + " was done for this occurrence of the finding; the repeated event is ignored.");
        }
        if (settings.killSwitch()) {
            return new Decision.Refused("Remediation is switched off (global kill switch): Coverwatch would "
                    + action.description() + " on " + target.name() + " but changes nothing until it is switched on.");
        }
        if (settings.optOut().covers(target)) {
            return new Decision.Refused(target.name() + " carries the opt-out tag " + settings.optOut()
                    + ": it is marked as a machine Coverwatch must not change, so it will not "
                    + action.description() + ".");
        }
        Optional<RemediationPolicy> policy = policyFor(plan, settings);
        PolicyMode mode = policy.map(RemediationPolicy::mode).orElse(SafetySettings.defaultMode(action));
        String policyName = policy.map(p -> "the " + mode + " policy for " + action + " on "
                        + p.scope().describe())
                .orElse("the default for " + action + " (" + mode + ")");
        if (mode == PolicyMode.NEVER) {
            return new Decision.Refused("Not allowed: " + policyName + " forbids Coverwatch to " + action.description()
                    + " on " + target.name() + ".");
        }
        if (context.consecutiveFailures() >= settings.breakerThreshold()) {
            return new Decision.Refused("Circuit breaker open: the last " + context.consecutiveFailures()
                    + " attempts to " + action.description() + " in subscription " + target.subscriptionId()
                    + " failed; Coverwatch stops trying there until someone fixes the cause and resets the breaker.");
        }
        if (action == RemediationAction.REINSTALL_EXTENSION
                && context.reinstallAttempts() >= settings.maxReinstallAttempts()) {
            return new Decision.Refused("Gave up reinstalling: the extension on " + target.name() + " was reinstalled "
                    + context.reinstallAttempts() + " times (the limit is " + settings.maxReinstallAttempts()
                    + ") and still did not recover; a person needs to look at the machine.");
        }
        boolean approved = context.approvedBy() != null;
        if (settings.dryRun()) {
            String then = mode == PolicyMode.APPROVAL && !approved
                    ? "it would wait for approval (" + policyName + ")"
                    : "it would run automatically (" + policyName + ")";
            return new Decision.DryRun(
                    plan.request(),
                    "Dry run, nothing was changed: Coverwatch would " + action.description() + " on " + target.name()
                            + " by sending " + plan.request().describe() + "; outside dry-run " + then + ".");
        }
        long inCapWindow = context.changesWithin(settings.blastRadiusWindow());
        if (!approved && inCapWindow >= settings.blastRadiusCap()) {
            return new Decision.AwaitApproval(
                    "Blast-radius cap reached: " + inCapWindow + " changes in subscription "
                            + target.subscriptionId() + " in the last " + human(settings.blastRadiusWindow()) + " (cap "
                            + settings.blastRadiusCap() + "); Coverwatch stopped and asks before it goes on to "
                            + action.description() + " on " + target.name() + ".",
                    true);
        }
        Optional<Instant> nextSlot = nextRateSlot(context);
        if (nextSlot.isPresent()) {
            return new Decision.Deferred(
                    nextSlot.get(),
                    "Rate limit: " + settings.rateLimit() + " changes in subscription " + target.subscriptionId()
                            + " in the last " + human(settings.rateWindow()) + "; Coverwatch will "
                            + action.description() + " on " + target.name() + " at " + nextSlot.get() + ".");
        }
        if (approved) {
            return new Decision.Execute("Approved by " + context.approvedBy() + ": Coverwatch will "
                    + action.description() + " on " + target.name() + ".");
        }
        if (mode == PolicyMode.APPROVAL) {
            return new Decision.AwaitApproval(
                    "Waiting for approval: " + policyName + " asks a person before"
                            + " Coverwatch may " + action.description() + " on " + target.name()
                            + (action == RemediationAction.ENABLE_DEFENDER_PLAN
                                    ? " (a Defender plan costs money)."
                                    : "."),
                    false);
        }
        return new Decision.Execute("Allowed by " + policyName + ": Coverwatch will " + action.description() + " on "
                + target.name() + ".");
    }

    /**
     * The policy for the plan's action that covers its target most specifically (tag over resource group over
     * subscription); between equally specific ones, the strictest.
     */
    static Optional<RemediationPolicy> policyFor(RemediationPlan.Automatic plan, SafetySettings settings) {
        return settings.policies().stream()
                .filter(policy -> policy.action() == plan.action())
                .filter(policy -> policy.scope().covers(plan.target()))
                .max(Comparator.<RemediationPolicy>comparingInt(
                                policy -> policy.scope().specificity())
                        .thenComparing(RemediationPolicy::mode));
    }

    /** When the rate window has room again; empty when it has room now. */
    private static Optional<Instant> nextRateSlot(SafetyContext context) {
        Duration window = context.settings().rateWindow();
        Instant since = context.now().minus(window);
        List<Instant> inWindow = context.recentChanges().stream()
                .filter(change -> change.isAfter(since))
                .sorted()
                .toList();
        int limit = context.settings().rateLimit();
        if (inWindow.size() < limit) {
            return Optional.empty();
        }
        return Optional.of(inWindow.get(inWindow.size() - limit).plus(window));
    }

    private static String human(Duration window) {
        long minutes = window.toMinutes();
        if (minutes % 60 == 0 && minutes > 0) {
            return minutes == 60 ? "hour" : minutes / 60 + " hours";
        }
        return minutes == 1 ? "minute" : minutes + " minutes";
    }
}
