package io.coverwatch.notification.routing.inhibition;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.notification.routing.Matcher;
import io.coverwatch.notification.routing.NoticeLabels;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which notices the firing causes mute, judged against an index of those causes: per rule, the firing notices that
 * match its source matchers, counted by their values of its {@code equal} labels. A notice is then judged in the time
 * its own labels take, not against every firing notice: an outage of two thousand machines in one group was two
 * thousand notices each judged against two thousand causes, three times a flush (docs/benchmarks.md, detection).
 */
public final class Inhibitions {

    /** The rules that always apply, whatever the configuration. */
    public static final List<InhibitRule> BUILT_IN = List.of(InhibitRule.DEFENDER_FOR_SERVERS_OFF);

    /** One rule's firing causes by their values of its {@code equal} labels. */
    private record RuleCauses(InhibitRule rule, Map<List<String>, Causes> byEqualLabels) {}

    /**
     * How many firing causes share one set of {@code equal} values, and how many of them also match the rule's
     * target matchers (a notice matching both sides is not inhibited by one that does too, as in Alertmanager).
     */
    private static final class Causes {
        private int all;
        private int alsoTargets;
    }

    private final List<RuleCauses> rules;

    /** The firing findings by key, for a remediation step judged as its finding. */
    private final Map<String, Notice> findings;

    private Inhibitions(List<RuleCauses> rules, Map<String, Notice> findings) {
        this.rules = rules;
        this.findings = findings;
    }

    /**
     * The causes among {@code firing} (every firing notice the service knows, across groups) under the {@link
     * #BUILT_IN} rules and {@code configured}. Only firing notices inhibit: once the cause resolves, its symptoms are
     * told again.
     */
    public static Inhibitions of(Collection<Notice> firing, List<InhibitRule> configured) {
        List<RuleCauses> rules = Stream.concat(BUILT_IN.stream(), configured.stream())
                .map(rule -> new RuleCauses(rule, new HashMap<>()))
                .toList();
        Map<String, Notice> findings = new HashMap<>();
        for (Notice notice : firing) {
            if (notice.kind() == NoticeKind.FINDING) {
                findings.putIfAbsent(notice.key(), notice);
            }
            if (!notice.firing()) {
                continue;
            }
            for (RuleCauses causes : rules) {
                InhibitRule rule = causes.rule();
                if (Matcher.all(rule.sourceMatchers(), notice)) {
                    Causes counted =
                            causes.byEqualLabels().computeIfAbsent(equalValues(rule, notice), key -> new Causes());
                    counted.all++;
                    if (Matcher.all(rule.targetMatchers(), notice)) {
                        counted.alsoTargets++;
                    }
                }
            }
        }
        return new Inhibitions(rules, findings);
    }

    /**
     * Whether a firing cause inhibits {@code notice}. A remediation step is muted with its finding: it is judged as the
     * finding's notice among the firing ones, or, when that is unknown here, as the finding the step itself describes.
     */
    public boolean inhibited(Notice notice) {
        Notice judged = notice;
        if (notice.kind().happensOnce()) {
            Notice finding = findings.get(notice.key());
            judged = finding != null ? finding : notice.asFinding();
        }
        for (RuleCauses causes : rules) {
            InhibitRule rule = causes.rule();
            if (!Matcher.all(rule.targetMatchers(), judged)) {
                continue;
            }
            Causes counted = causes.byEqualLabels().get(equalValues(rule, judged));
            if (counted == null) {
                continue;
            }
            boolean judgedIsAlsoSource = Matcher.all(rule.sourceMatchers(), judged);
            if (judgedIsAlsoSource ? counted.all > counted.alsoTargets : counted.all > 0) {
                return true;
            }
        }
        return false;
    }

    /** A notice's values of the rule's {@code equal} labels, as compared (a label both lack counts as equal). */
    private static List<String> equalValues(InhibitRule rule, Notice notice) {
        return rule.equal().stream()
                .map(label -> NoticeLabels.keyForm(label, NoticeLabels.value(notice, label)))
                .toList();
    }
}
