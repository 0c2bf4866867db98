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
     * An opened or changed finding fires, a resolved one resolves. An excluded finding makes no notice: an exclusion is
     * a decision that nobody needs to be told about it (it stays visible, as excluded, in evaluation-service).
     *
     * @param at when the event happened (a resolved notice ends then)
     */
    public static Optional<Notice> of(FindingEvent event, Instant at, String portal) {
        Finding finding = event.finding();
        if (event instanceof FindingResolved) {
            return Optional.of(notice(finding, false, at, portal));
        }
        if (finding.status() == FindingStatus.EXCLUDED) {
            return Optional.empty();
        }
        return Optional.of(notice(finding, true, at, portal));
    }

    private static Notice notice(Finding finding, boolean firing, Instant at, String portal) {
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
                firing ? null : at);
    }
}
