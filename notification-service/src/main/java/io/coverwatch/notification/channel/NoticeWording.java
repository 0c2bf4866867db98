package io.coverwatch.notification.channel;

import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.notice.NoticeKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every channel says about a notice, in the same words: its status mark, what happened, and how the remediation
 * line is labelled. Channels differ only in markup.
 *
 * @param headline    what happened, before the notice's title
 * @param actionLabel the label of {@link Notice#remediation()}: a suggested fix, or what a remediation did or would do
 */
public record NoticeWording(String headline, String actionLabel) {

    /** The most severe first, so that what a long group summarises away is the least severe. */
    private static final Comparator<Notice> MOST_SEVERE_FIRST =
            Comparator.comparing(Notice::severity, Comparator.nullsLast(Comparator.naturalOrder()));

    public static NoticeWording of(NoticeKind kind) {
        return switch (kind) {
            case FINDING -> new NoticeWording("", "Suggested fix");
            case REMEDIATION_PLANNED -> new NoticeWording("Remediation planned", "Will do");
            case REMEDIATION_AWAITING_APPROVAL -> new NoticeWording("Remediation awaiting approval", "Approving would");
            case REMEDIATION_EXECUTED -> new NoticeWording("Remediation executed", "Done");
            case REMEDIATION_VERIFIED -> new NoticeWording("Remediation verified", "Done");
            case REMEDIATION_FAILED -> new NoticeWording("Remediation failed", "Tried to");
            case REMEDIATION_ESCALATED -> new NoticeWording("Remediation escalated to a person", "Would have done");
            case REMEDIATION_APPROVED -> new NoticeWording("Remediation approved", "Will do");
            case REMEDIATION_REJECTED -> new NoticeWording("Remediation rejected", "Will not");
            case REMEDIATION_REFUSED -> new NoticeWording("Remediation refused by the safety gate", "Would have done");
            case REMEDIATION_CANCELLED -> new NoticeWording("Remediation cancelled", "Would have done");
        };
    }

    /** The status mark: the severity while firing, "Resolved" once resolved. */
    public static String status(Notice notice) {
        if (!notice.firing()) {
            return "✅ Resolved";
        }
        return notice.severity() == null ? "⚪ Unrated" : severityMark(notice.severity());
    }

    private static String severityMark(Severity severity) {
        return switch (severity) {
            case HIGH -> "🔴 High";
            case MEDIUM -> "🟠 Medium";
            case LOW -> "🟡 Low";
        };
    }

    /** The group's notices in message order: firing (most severe first), then resolved. */
    public static List<Notice> inMessageOrder(NoticeGroup group) {
        return Stream.concat(group.firing().stream().sorted(MOST_SEVERE_FIRST), group.resolved().stream())
                .toList();
    }

    /** "Coverwatch: 3 firing, 1 resolved", the title of a group's message. */
    public static String groupTitle(NoticeGroup group) {
        String counts = Stream.of(
                        group.firing().isEmpty() ? null : group.firing().size() + " firing",
                        group.resolved().isEmpty() ? null : group.resolved().size() + " resolved")
                .filter(part -> part != null)
                .collect(Collectors.joining(", "));
        return "Coverwatch: " + (counts.isEmpty() ? "nothing to report" : counts);
    }

    /** The group's labels as "severity: High · subscription: dev-subscription", untrusted and unescaped. */
    public static String groupLabels(NoticeGroup group) {
        return group.groupLabels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(label -> label.getKey() + ": " + label.getValue())
                .collect(Collectors.joining(" · "));
    }

    /** "…and 37 more in this group (30 firing, 7 resolved)", for what did not fit. */
    public static String omitted(List<Notice> omitted) {
        long firing = omitted.stream().filter(Notice::firing).count();
        return "…and " + omitted.size() + " more in this group (" + firing + " firing, " + (omitted.size() - firing)
                + " resolved), not shown here: see Coverwatch's alerts.";
    }

    /** The resource as a reader knows it: its name, else its ID (both untrusted, unescaped). */
    public static String resourceName(Notice notice) {
        if (notice.resourceName() != null && !notice.resourceName().isBlank()) {
            return notice.resourceName();
        }
        return notice.resourceId() == null ? "unnamed resource" : notice.resourceId();
    }

    /** The headline and title of a notice, "Remediation failed · AMA not reporting"; never empty. */
    public String headlineOf(Notice notice) {
        String title = notice.title() != null && !notice.title().isBlank()
                ? notice.title()
                : notice.ruleId() == null ? "Coverwatch notice" : notice.ruleId();
        return headline.isEmpty() ? title : headline + " · " + title;
    }
}
