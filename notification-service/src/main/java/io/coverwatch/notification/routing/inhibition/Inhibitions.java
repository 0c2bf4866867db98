package io.coverwatch.notification.routing.inhibition;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Which notices a firing cause mutes. */
public final class Inhibitions {

    /** The rules that always apply, whatever the configuration. */
    public static final List<InhibitRule> BUILT_IN = List.of(InhibitRule.DEFENDER_FOR_SERVERS_OFF);

    private Inhibitions() {}

    /**
     * Whether a notice in {@code firing} inhibits {@code notice} under the {@link #BUILT_IN} rules or {@code rules}.
     * Only firing notices inhibit: once the cause resolves, its symptoms are told again. A remediation step is muted
     * with its finding: it is judged as the finding's notice in {@code firing}, or, when that is unknown here, as the
     * finding the step itself describes.
     */
    public static boolean inhibited(Notice notice, Collection<Notice> firing, List<InhibitRule> rules) {
        Notice judged = notice.kind().happensOnce() ? findingOf(notice, firing) : notice;
        return Stream.concat(BUILT_IN.stream(), rules.stream())
                .anyMatch(rule ->
                        firing.stream().filter(Notice::firing).anyMatch(source -> rule.inhibits(source, judged)));
    }

    private static Notice findingOf(Notice step, Collection<Notice> firing) {
        return firing.stream()
                .filter(notice ->
                        notice.kind() == NoticeKind.FINDING && notice.key().equals(step.key()))
                .findFirst()
                .orElseGet(step::asFinding);
    }
}
