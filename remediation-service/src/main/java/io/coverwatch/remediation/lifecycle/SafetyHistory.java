package io.coverwatch.remediation.lifecycle;

import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.catalog.RemediationPlan;
import io.coverwatch.remediation.controls.SafetyControls;
import io.coverwatch.remediation.safety.SafetyContext;
import io.coverwatch.remediation.safety.SafetySettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Gathers from the remediations kept here the history the safety gate decides a plan with. */
@ApplicationScoped
public class SafetyHistory {

    /** Statuses in which an action was taken or is on its way: a plan with the same key must not act again. */
    private static final List<RemediationStatus> ACTING = List.of(
            RemediationStatus.AWAITING_APPROVAL,
            RemediationStatus.QUEUED,
            RemediationStatus.EXECUTING,
            RemediationStatus.EXECUTED,
            RemediationStatus.VERIFIED,
            RemediationStatus.ESCALATED);

    /** Reinstalls of one extension count against the limit for this long. */
    static final Duration REINSTALL_MEMORY = Duration.ofHours(24);

    /** Enough outcomes to see whether the last ones in a row failed. */
    private static final int OUTCOMES_LOOKED_AT = 50;

    private final SafetyControls controls;

    SafetyHistory(SafetyControls controls) {
        this.controls = controls;
    }

    /**
     * @param current the remediation being decided, which the history leaves out; null for a plan not yet stored
     */
    public SafetyContext contextFor(RemediationPlan.Automatic plan, RemediationRecord current, Instant now) {
        SafetySettings settings = controls.settings();
        String self = current == null ? "" : current.remediationId;
        String subscription = plan.target().subscriptionId();
        Set<String> acted = new HashSet<>();
        if (RemediationRecord.count(
                        "idempotencyKey = ?1 and status in ?2 and remediationId <> ?3",
                        plan.idempotencyKey(),
                        ACTING,
                        self)
                > 0) {
            acted.add(plan.idempotencyKey());
        }
        Duration longest = settings.blastRadiusWindow().compareTo(settings.rateWindow()) >= 0
                ? settings.blastRadiusWindow()
                : settings.rateWindow();
        List<Instant> changes = RemediationRecord.<RemediationRecord>list(
                        "subscriptionId = ?1 and executedAt > ?2 and remediationId <> ?3",
                        subscription,
                        now.minus(longest),
                        self)
                .stream()
                .map(record -> record.executedAt)
                .toList();
        long reinstalls = plan.action() == RemediationAction.REINSTALL_EXTENSION
                ? RemediationRecord.count(
                        "lower(resourceId) = lower(?1) and action = ?2 and executedAt > ?3 and remediationId <> ?4",
                        plan.target().resourceId(),
                        RemediationAction.REINSTALL_EXTENSION.name(),
                        now.minus(REINSTALL_MEMORY),
                        self)
                : 0;
        return new SafetyContext(
                settings,
                now,
                acted,
                changes,
                consecutiveFailures(subscription, plan.action()),
                (int) reinstalls,
                current == null ? null : current.approvedBy);
    }

    /** Failures in a row of one action in one subscription, since its last success or since its breaker was reset. */
    private int consecutiveFailures(String subscription, RemediationAction action) {
        Instant since = controls.breakerResetAt(subscription, action).orElse(Instant.EPOCH);
        List<RemediationStatus> outcomes = RemediationRecord.<RemediationRecord>find(
                        "subscriptionId = ?1 and action = ?2 and finishedAt > ?3 and executedAt is not null"
                                + " order by finishedAt desc",
                        subscription,
                        action.name(),
                        since)
                .page(0, OUTCOMES_LOOKED_AT)
                .list()
                .stream()
                .map(record -> record.status)
                .toList();
        int failures = 0;
        while (failures < outcomes.size() && outcomes.get(failures) == RemediationStatus.FAILED) {
            failures++;
        }
        return failures;
    }
}
