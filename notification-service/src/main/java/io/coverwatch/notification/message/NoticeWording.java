package io.coverwatch.notification.message;

import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.notice.NoticeKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every channel says about a notice, in the same words: its status mark, what happened, and how the remediation
 * line is labelled. ChannelStore differ only in markup.
 *
 * @param headline    what happened, before the notice's title
 * @param actionLabel the label of {@link Notice#remediation()}: a suggested fix, or what a remediation did or would do
 */
public record NoticeWording(String headline, String actionLabel) {

    /** The most severe first, so that what a long group summarises away is the least severe. */
    private static final Comparator<Notice> MOST_SEVERE_FIRST =
            Comparator.comparing(Notice::severity, Comparator.nullsLast(Comparator.naturalOrder()));

    private static final Pattern RESOURCE_GROUP = Pattern.compile("(?i)/resourceGroups/([^/]+)");
    private static final DateTimeFormatter UTC_FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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

    /**
     * What to do about the notice: for a finding whose machine's troubleshooting walk stopped at a step, that step's
     * fix (seed 001's resolution); otherwise what the finding or remediation step says. Untrusted, unescaped.
     */
    public static String fix(Notice notice) {
        return notice.kind() == NoticeKind.FINDING && notice.diagnosisStep() != null
                ? fixFor(notice.diagnosisStep())
                : notice.remediation();
    }

    /** Seed 001's resolution for a machine whose troubleshooting walk stopped at {@code step}. */
    public static String fixFor(TroubleshootingStep step) {
        return switch (step) {
            case SERVERS_PLAN ->
                "Turn on Defender for Servers for the subscription (Defender for Cloud → Environment settings →"
                        + " the subscription → Defender plans → Servers); auto-provisioning then deploys the agents.";
            case AUTO_PROVISIONING ->
                "Turn on auto-provisioning of the Azure Monitor Agent and the Defender for Endpoint sensor"
                        + " (Environment settings → the subscription → Auto provisioning), with your Sentinel"
                        + " workspace as the destination.";
            case OPERATING_SYSTEM ->
                "Check the supported OS matrix: Windows Server 2012 R2 needs the legacy Log Analytics agent (MMA)"
                        + " rather than the Azure Monitor Agent, and Linux without systemd cannot run it; upgrade the"
                        + " machine or install the legacy agent.";
            case OUTBOUND_CONNECTIVITY ->
                "Allow outbound HTTPS in the machine's network security group to the AzureMonitor,"
                        + " AzureActiveDirectory and AzureResourceManager service tags, or deploy a private link for"
                        + " Azure Monitor.";
            case EXTENSION_POLICY ->
                "Create a policy exemption for the Defender for Cloud extensions (MDE, AMA, vulnerability"
                        + " assessment) from the policy assignment that denies VM extensions.";
            case PERMISSIONS ->
                "Give the identity that deploys Defender for Cloud's extensions Contributor or Virtual Machine"
                        + " Contributor on the resource group, and verify the Security Admin role assignment at the"
                        + " subscription level includes extension management.";
            case EXTENSION_STATUS ->
                "Open the machine's extensions in the Azure portal (VM → Extensions): the failed extension's error"
                        + " message names the failure; fix it, then reinstall the extension.";
        };
    }

    /** The resource group in the notice's resource ID; empty for a subscription or an ID without one. */
    public static String resourceGroup(Notice notice) {
        if (notice.resourceId() == null) {
            return "";
        }
        Matcher group = RESOURCE_GROUP.matcher(notice.resourceId());
        return group.find() ? group.group(1) : "";
    }

    /** "excluded: Azure Local machine" for a notice that resolved by exclusion; empty otherwise. */
    public static String exclusion(Notice notice) {
        return notice.exclusionReason() == null ? "" : "excluded: " + notice.exclusionReason();
    }

    /** A notice's time: "Since" while firing, "Resolved" after, to the second (no channel shows less). */
    public record Stamp(String label, Instant at) {}

    /** When the notice's state began; empty when it carries no time. */
    public static Optional<Stamp> when(Notice notice) {
        boolean since = notice.firing() || notice.endsAt() == null;
        return Optional.ofNullable(since ? notice.startsAt() : notice.endsAt())
                .map(at -> new Stamp(since ? "Since" : "Resolved", at.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** A time for a reader whose client cannot localise it: "2026-12-04 11:49 UTC". */
    public static String utcFallback(Instant at) {
        return UTC_FALLBACK.format(at);
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
