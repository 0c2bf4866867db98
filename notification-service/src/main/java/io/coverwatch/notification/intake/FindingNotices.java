package io.coverwatch.notification.intake;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import java.time.Instant;
import java.util.Optional;

/** The notice a finding event makes. */
public final class FindingNotices {

    private FindingNotices() {}

    /**
     * Whether the event ends the finding's alert: it resolved, or it is excluded (the Azure Local table, a user
     * exemption). For alerting an exclusion is a resolution: the SOC is told once why, and the finding stops repeating
     * and inhibiting; it stays visible, as excluded, in evaluation-service.
     */
    public static boolean resolves(FindingEvent event) {
        return event instanceof FindingResolved || event.finding().status() == FindingStatus.EXCLUDED;
    }

    /**
     * An opened or changed finding fires; a resolved or excluded one resolves, an excluded one saying why.
     *
     * @param at      when the event happened (a resolved notice ends then)
     * @param console          Coverwatch's console, when configured
     * @param subscriptionName the finding's subscription's display name, when known
     */
    public static Notice of(
            FindingEvent event,
            Instant at,
            String portal,
            Optional<String> console,
            Optional<String> subscriptionName) {
        Finding finding = event.finding();
        boolean firing = !resolves(event);
        String exclusion = event instanceof FindingResolved || firing
                ? null
                : finding.exclusionReason() == null || finding.exclusionReason().isBlank()
                        ? "no reason given"
                        : finding.exclusionReason();
        return new Notice(
                finding.findingId(),
                NoticeKind.FINDING,
                firing,
                finding.ruleId(),
                finding.title(),
                finding.severity(),
                finding.resourceId(),
                finding.resourceType(),
                ResourceNames.of(finding.resourceId()),
                finding.subscriptionId(),
                finding.resourceTags(),
                finding.diagnosis(),
                finding.remediation(),
                PortalLinks.resource(portal, finding.resourceId()),
                finding.firstSeen() != null ? finding.firstSeen() : at,
                firing ? null : at,
                finding.diagnosisStep(),
                exclusion,
                ConsoleLinks.finding(console, finding.findingId()),
                subscriptionName.orElse(null));
    }
}
