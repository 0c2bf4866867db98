package io.coverwatch.notification.intake;

import io.coverwatch.contracts.EventType;
import io.coverwatch.contracts.Remediation;
import io.coverwatch.contracts.RemediationApproved;
import io.coverwatch.contracts.RemediationAwaitingApproval;
import io.coverwatch.contracts.RemediationCancelled;
import io.coverwatch.contracts.RemediationEscalated;
import io.coverwatch.contracts.RemediationEvent;
import io.coverwatch.contracts.RemediationExecuted;
import io.coverwatch.contracts.RemediationFailed;
import io.coverwatch.contracts.RemediationPlanned;
import io.coverwatch.contracts.RemediationRefused;
import io.coverwatch.contracts.RemediationRejected;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.security.Roles;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The notice a step of a remediation makes. It carries its finding's ID as key, so it groups with the finding. */
public final class RemediationNotices {

    /** What this service knows of the finding a remediation fixes, from the finding's own events. */
    public record FindingSummary(String title, Severity severity, String resourceType) {}

    /** When this service never heard of the finding (its events came first, or before this service existed). */
    static final Severity UNKNOWN_FINDING_SEVERITY = Severity.MEDIUM;

    private static final Map<EventType, NoticeKind> KINDS = new EnumMap<>(Map.of(
            EventType.REMEDIATION_PLANNED, NoticeKind.REMEDIATION_PLANNED,
            EventType.REMEDIATION_AWAITING_APPROVAL, NoticeKind.REMEDIATION_AWAITING_APPROVAL,
            EventType.REMEDIATION_EXECUTED, NoticeKind.REMEDIATION_EXECUTED,
            EventType.REMEDIATION_VERIFIED, NoticeKind.REMEDIATION_VERIFIED,
            EventType.REMEDIATION_FAILED, NoticeKind.REMEDIATION_FAILED,
            EventType.REMEDIATION_ESCALATED, NoticeKind.REMEDIATION_ESCALATED,
            EventType.REMEDIATION_APPROVED, NoticeKind.REMEDIATION_APPROVED,
            EventType.REMEDIATION_REJECTED, NoticeKind.REMEDIATION_REJECTED,
            EventType.REMEDIATION_REFUSED, NoticeKind.REMEDIATION_REFUSED,
            EventType.REMEDIATION_CANCELLED, NoticeKind.REMEDIATION_CANCELLED));

    private RemediationNotices() {}

    /**
     * @param finding what is known of the finding; null when nothing is
     * @param at      when the step happened
     */
    public static Notice of(
            RemediationEvent event,
            FindingSummary finding,
            Instant at,
            String portal,
            Optional<String> console,
            Optional<String> subscriptionName) {
        Remediation remediation = event.remediation();
        return new Notice(
                remediation.findingId(),
                KINDS.get(event.eventType()),
                true,
                remediation.ruleId(),
                finding != null && finding.title() != null ? finding.title() : "Remediation " + remediation.action(),
                finding != null && finding.severity() != null ? finding.severity() : UNKNOWN_FINDING_SEVERITY,
                remediation.resourceId(),
                finding != null ? finding.resourceType() : null,
                ResourceNames.of(remediation.resourceId()),
                remediation.subscriptionId(),
                Map.of(),
                null,
                (remediation.dryRun() ? "Dry run, nothing is changed: " : "") + whatHappened(event),
                PortalLinks.resource(portal, remediation.resourceId()),
                at,
                null,
                null,
                null,
                ConsoleLinks.finding(console, remediation.findingId()),
                subscriptionName.orElse(null));
    }

    /** The plan, for a planned step or one awaiting approval (what approving would do); otherwise the step's result. */
    private static String whatHappened(RemediationEvent event) {
        String action = event.remediation().action();
        if (event instanceof RemediationPlanned planned) {
            return planned.plan();
        }
        if (event instanceof RemediationAwaitingApproval awaiting) {
            // who must act, so that the SOC knows whom to ask: remediation-service lets only this role approve
            return "Waiting for a " + Roles.APPROVER + " to approve in Coverwatch. " + awaiting.plan();
        }
        if (event instanceof RemediationExecuted executed) {
            return action + ": " + executed.result();
        }
        if (event instanceof RemediationFailed failed) {
            return action + " failed: " + failed.reason();
        }
        if (event instanceof RemediationEscalated escalated) {
            return action + " escalated: " + escalated.reason();
        }
        if (event instanceof RemediationApproved approved) {
            return action + " approved by " + approved.approvedBy() + comment(approved.comment());
        }
        if (event instanceof RemediationRejected rejected) {
            return action + " rejected by " + rejected.rejectedBy() + comment(rejected.comment());
        }
        if (event instanceof RemediationRefused refused) {
            return action + " refused: " + refused.reason();
        }
        if (event instanceof RemediationCancelled cancelled) {
            return action + " cancelled: " + cancelled.reason();
        }
        return action + " verified: the finding resolved";
    }

    private static String comment(String comment) {
        return comment == null || comment.isBlank() ? "" : ": " + comment;
    }
}
