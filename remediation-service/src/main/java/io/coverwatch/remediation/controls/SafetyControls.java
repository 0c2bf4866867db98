package io.coverwatch.remediation.controls;

import io.coverwatch.remediation.RemediationConfig;
import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.safety.PolicyMode;
import io.coverwatch.remediation.safety.PolicyScope;
import io.coverwatch.remediation.safety.RemediationPolicy;
import io.coverwatch.remediation.safety.SafetySettings;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's controls over remediation: dry-run, the global kill switch, the policies and the circuit breakers.
 * Configuration gives the limits and the starting position of dry-run; what an operator changes through REST is kept
 * in the database, so every instance and every restart sees it.
 */
@ApplicationScoped
public class SafetyControls {

    /** The switches as they stand, with who set them last (null while still as configured). */
    public record Switches(boolean dryRun, boolean killSwitch, String changedBy, Instant changedAt, String reason) {}

    /** A stored policy with who set it. */
    public record StoredPolicy(
            RemediationPolicy policy, ScopeKind scopeKind, String scopeValue, String changedBy, Instant changedAt) {}

    /** A policy that cannot apply as written (HTTP 400). */
    public static final class InvalidPolicy extends RuntimeException {
        InvalidPolicy(String message) {
            super(message);
        }
    }

    private final RemediationConfig config;

    SafetyControls(RemediationConfig config) {
        this.config = config;
    }

    /** Everything the safety gate decides with, as of now. */
    public SafetySettings settings() {
        Switches switches = switches();
        RemediationConfig.Safety limits = config.safety();
        return new SafetySettings(
                switches.dryRun(),
                switches.killSwitch(),
                new PolicyScope.Tag(limits.optOutTagName(), limits.optOutTagValue()),
                limits.blastRadiusCap(),
                limits.blastRadiusWindow(),
                limits.rateLimit(),
                limits.rateWindow(),
                limits.breakerThreshold(),
                limits.maxReinstallAttempts(),
                policies().stream().map(StoredPolicy::policy).toList());
    }

    public Switches switches() {
        return SafetySwitch.<SafetySwitch>findByIdOptional(SafetySwitch.ONLY_ROW)
                .map(row -> new Switches(row.dryRun, row.killSwitch, row.changedBy, row.changedAt, row.reason))
                .orElseGet(() -> new Switches(config.dryRun(), false, null, null, null));
    }

    @Transactional
    public Switches setKillSwitch(boolean engaged, String actor, String reason, Instant now) {
        SafetySwitch row = lockedSwitches(actor, now);
        row.killSwitch = engaged;
        return changed(row, actor, reason, now);
    }

    @Transactional
    public Switches setDryRun(boolean on, String actor, String reason, Instant now) {
        SafetySwitch row = lockedSwitches(actor, now);
        row.dryRun = on;
        return changed(row, actor, reason, now);
    }

    public List<StoredPolicy> policies() {
        return PolicyRecord.<PolicyRecord>listAll(Sort.ascending("id")).stream()
                .map(row -> new StoredPolicy(
                        new RemediationPolicy(row.scopeKind.scope(row.scopeValue), row.action, row.mode),
                        row.scopeKind,
                        row.scopeValue,
                        row.changedBy,
                        row.changedAt))
                .toList();
    }

    /** A policy as the API names it. */
    public record PolicyInput(RemediationAction action, ScopeKind scopeKind, String scopeValue, PolicyMode mode) {}

    /**
     * Replaces every policy at once, so the set an operator sees is the set that applies. A policy without an action, a
     * scope or a mode, a scope not written as its kind asks, or two policies for the same action and scope are refused
     * before anything changes.
     */
    @Transactional
    public List<StoredPolicy> replacePolicies(List<PolicyInput> inputs, String actor, Instant now) {
        validate(inputs);
        // Two replacements at once would each delete the old set and then insert the same policies twice.
        lock("remediation_policy");
        PolicyRecord.deleteAll();
        PolicyRecord.flush();
        for (PolicyInput input : inputs) {
            PolicyRecord row = new PolicyRecord();
            row.action = input.action();
            row.scopeKind = input.scopeKind();
            row.scopeValue = input.scopeValue().trim();
            row.mode = input.mode();
            row.changedBy = actor;
            row.changedAt = now;
            row.persist();
        }
        return policies();
    }

    @Transactional
    public void resetBreaker(String subscriptionId, RemediationAction action, String actor, Instant now) {
        BreakerReset.Breaker breaker = new BreakerReset.Breaker(subscriptionId.toLowerCase(Locale.ROOT), action.name());
        // Two first resets of one breaker at once would both insert it.
        lock("breaker_reset");
        BreakerReset row = BreakerReset.<BreakerReset>findByIdOptional(breaker).orElseGet(BreakerReset::new);
        row.breaker = breaker;
        row.resetAt = now;
        row.resetBy = actor;
        if (!row.isPersistent()) {
            row.persist();
        }
    }

    /** Serialises this transaction's writes to the table with every other writer's, until it ends; reads go on. */
    private static void lock(String table) {
        PolicyRecord.getEntityManager()
                .createNativeQuery("lock table " + table + " in share row exclusive mode")
                .executeUpdate();
    }

    /** When a person last closed this breaker; empty when never. */
    public Optional<Instant> breakerResetAt(String subscriptionId, RemediationAction action) {
        return BreakerReset.<BreakerReset>findByIdOptional(
                        new BreakerReset.Breaker(subscriptionId.toLowerCase(Locale.ROOT), action.name()))
                .map(row -> row.resetAt);
    }

    private static void validate(List<PolicyInput> inputs) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            PolicyInput input = inputs.get(i);
            if (input == null || input.action() == null || input.scopeKind() == null || input.mode() == null) {
                throw new InvalidPolicy("policy " + i + " needs an action, a scopeKind and a mode");
            }
            try {
                input.scopeKind().scope(input.scopeValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicy("policy " + i + ": " + e.getMessage());
            }
            String key = input.action() + " " + input.scopeKind() + " "
                    + input.scopeValue().trim().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw new InvalidPolicy("policy " + i + " repeats " + input.action() + " on " + input.scopeKind() + " "
                        + input.scopeValue());
            }
        }
    }

    /** The row, locked; created from configuration the first time, already naming who changes it. */
    private SafetySwitch lockedSwitches(String actor, Instant now) {
        return SafetySwitch.<SafetySwitch>findByIdOptional(SafetySwitch.ONLY_ROW, LockModeType.PESSIMISTIC_WRITE)
                .orElseGet(() -> {
                    Switches configured = switches();
                    SafetySwitch created = new SafetySwitch();
                    created.id = SafetySwitch.ONLY_ROW;
                    created.dryRun = configured.dryRun();
                    created.killSwitch = configured.killSwitch();
                    created.changedBy = actor;
                    created.changedAt = now;
                    created.persist();
                    return created;
                });
    }

    private static Switches changed(SafetySwitch row, String actor, String reason, Instant now) {
        row.changedBy = actor;
        row.changedAt = now;
        row.reason = reason;
        return new Switches(row.dryRun, row.killSwitch, row.changedBy, row.changedAt, row.reason);
    }
}
