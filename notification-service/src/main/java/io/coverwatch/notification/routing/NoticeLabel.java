package io.coverwatch.notification.routing;

import io.coverwatch.notification.notice.Notice;
import java.util.Locale;
import java.util.function.Function;

/**
 * The labels a route, silence or inhibit rule can name, besides {@code tag:<name>}. Every one of them is an Azure or
 * Coverwatch identifier that Azure treats case-insensitively (Resource Graph lower-cases types, for one), so matching
 * on them ignores case; tag values do not.
 */
public enum NoticeLabel {
    /** {@code High}, {@code Medium} or {@code Low}, as Defender for Cloud spells them. */
    SEVERITY(
            "severity",
            notice -> notice.severity() == null
                    ? null
                    : wireForm(notice.severity().name())),
    /** The rule's stable ID, for example {@code CW-MON-NOT-MONITORED}. */
    RULE("rule", Notice::ruleId),
    /** The subscription ID (a GUID). */
    SUBSCRIPTION("subscription", Notice::subscriptionId),
    /** The last segment of the ARM type: {@code virtualMachines}, {@code machines} (Arc), {@code subscriptions}. */
    KIND("kind", notice -> notice.resourceType() == null ? null : lastSegment(notice.resourceType())),
    /** The full ARM type, for example {@code Microsoft.Compute/virtualMachines}. */
    TYPE("type", Notice::resourceType),
    /** {@code FINDING} or a remediation step such as {@code REMEDIATION_FAILED}. */
    NOTICE_KIND("noticeKind", notice -> notice.kind().name());

    /** Prefix of a tag label: {@code tag:environment} is the resource's {@code environment} tag. */
    public static final String TAG_PREFIX = "tag:";

    private final String label;
    private final Function<Notice, String> value;

    NoticeLabel(String label, Function<Notice, String> value) {
        this.label = label;
        this.value = value;
    }

    /** The name routes use. */
    public String label() {
        return label;
    }

    /** The notice's value for this label; null when it has none. */
    public String valueOf(Notice notice) {
        return value.apply(notice);
    }

    private static String wireForm(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String lastSegment(String armType) {
        return armType.substring(armType.lastIndexOf('/') + 1);
    }
}
