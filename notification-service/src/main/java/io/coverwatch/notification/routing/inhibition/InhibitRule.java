package io.coverwatch.notification.routing.inhibition;

import io.coverwatch.contracts.RuleId;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.notification.routing.InvalidRouting;
import io.coverwatch.notification.routing.Matcher;
import io.coverwatch.notification.routing.NoticeLabel;
import io.coverwatch.notification.routing.NoticeLabels;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * While a firing notice matches the source matchers, the notices that match the target matchers and have the same
 * values for the {@code equal} labels are muted: Alertmanager's inhibit rule, for a cause that makes its symptoms
 * noise.
 *
 * @param sourceMatchers what the cause looks like; at least one
 * @param targetMatchers what its symptoms look like; at least one
 * @param equal          labels that must have the same value on cause and symptom (a label both lack counts as
 *                       equal, as in Alertmanager)
 * @throws InvalidRouting for no source or target matchers, or an unknown label
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    /**
     * Built in: with Defender for Servers off on a subscription (a firing {@code CW-DEF-SERVERS}), each of its
     * machines is "Not monitored" for that one reason and lacks the agents the plan would provision, so their
     * {@code CW-MON-NOT-MONITORED}, {@code CW-MON-LA-AGENT} and {@code CW-XSIG-MDE-NOT-DEPLOYED} findings add nothing.
     * An agent that is installed and down ({@code CW-AGENT-AMA-DOWN}) is its own problem and still told.
     */
    public static final InhibitRule DEFENDER_FOR_SERVERS_OFF = new InhibitRule(
            List.of(
                    Matcher.equal(NoticeLabel.RULE.label(), RuleId.DEFENDER_FOR_SERVERS.id()),
                    Matcher.equal(NoticeLabel.NOTICE_KIND.label(), NoticeKind.FINDING.name())),
            List.of(
                    Matcher.regex(
                            NoticeLabel.RULE.label(),
                            Stream.of(RuleId.NOT_MONITORED, RuleId.LOG_ANALYTICS_AGENT, RuleId.MDE_NOT_DEPLOYED)
                                    .map(rule -> Pattern.quote(rule.id()))
                                    .collect(Collectors.joining("|"))),
                    Matcher.equal(NoticeLabel.NOTICE_KIND.label(), NoticeKind.FINDING.name())),
            List.of(NoticeLabel.SUBSCRIPTION.label()));

    public InhibitRule {
        sourceMatchers = sourceMatchers == null ? List.of() : List.copyOf(sourceMatchers);
        targetMatchers = targetMatchers == null ? List.of() : List.copyOf(targetMatchers);
        equal = equal == null ? List.of() : List.copyOf(equal);
        if (sourceMatchers.isEmpty() || targetMatchers.isEmpty()) {
            throw new InvalidRouting("an inhibit rule needs source and target matchers");
        }
        equal.forEach(NoticeLabels::requireKnown);
    }
}
