package io.coverwatch.remediation.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings and the history the gate decides with, gathered by the caller for one plan.
 *
 * @param actedKeys           idempotency keys of the actions already executed or under way
 * @param recentChanges       when the plan's subscription was last changed (at least the last blast-radius window)
 * @param consecutiveFailures failures in a row of the plan's action in its subscription since the last success or
 *                            breaker reset
 * @param reinstallAttempts   reinstalls already made of the plan's extension on its resource
 * @param approvedBy          who approved this plan; null when nobody has
 */
public record SafetyContext(
        SafetySettings settings,
        Instant now,
        Set<String> actedKeys,
        List<Instant> recentChanges,
        int consecutiveFailures,
        int reinstallAttempts,
        String approvedBy) {

    public SafetyContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(now, "now");
        actedKeys = Set.copyOf(actedKeys);
        recentChanges = List.copyOf(recentChanges);
    }

    /** No history: the first action in a quiet subscription. */
    public static SafetyContext quiet(SafetySettings settings, Instant now) {
        return new SafetyContext(settings, now, Set.of(), List.of(), 0, 0, null);
    }

    public SafetyContext withActedKeys(Set<String> keys) {
        return new SafetyContext(
                settings, now, keys, recentChanges, consecutiveFailures, reinstallAttempts, approvedBy);
    }

    public SafetyContext withRecentChanges(List<Instant> changes) {
        return new SafetyContext(settings, now, actedKeys, changes, consecutiveFailures, reinstallAttempts, approvedBy);
    }

    public SafetyContext withConsecutiveFailures(int failures) {
        return new SafetyContext(settings, now, actedKeys, recentChanges, failures, reinstallAttempts, approvedBy);
    }

    public SafetyContext withReinstallAttempts(int attempts) {
        return new SafetyContext(settings, now, actedKeys, recentChanges, consecutiveFailures, attempts, approvedBy);
    }

    public SafetyContext approvedBy(String person) {
        return new SafetyContext(
                settings, now, actedKeys, recentChanges, consecutiveFailures, reinstallAttempts, person);
    }

    /** Changes in the plan's subscription since {@code now - window}. */
    long changesWithin(Duration window) {
        Instant since = now.minus(window);
        return recentChanges.stream().filter(change -> change.isAfter(since)).count();
    }
}
