package io.coverwatch.notification.routing.inhibition;

import static io.coverwatch.notification.routing.SeedNotices.devSubscriptionNeedsDefenderForServers;
import static io.coverwatch.notification.routing.SeedNotices.devTest03AmaDown;
import static io.coverwatch.notification.routing.SeedNotices.devTest03NeedsLogAnalyticsAgent;
import static io.coverwatch.notification.routing.SeedNotices.devTest03NotMonitored;
import static io.coverwatch.notification.routing.SeedNotices.prodWeb01NeedsLogAnalyticsAgent;
import static io.coverwatch.notification.routing.SeedNotices.prodWeb01NotMonitored;
import static io.coverwatch.notification.routing.SeedNotices.resolved;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.notification.routing.InvalidRouting;
import io.coverwatch.notification.routing.Matcher;
import io.coverwatch.notification.routing.SeedNotices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InhibitionsTest {

    private static final Notice DEV_SUBSCRIPTION = devSubscriptionNeedsDefenderForServers();

    @Test
    void devSubscriptionWithoutDefenderForServersInhibitsDevTest03sNotMonitored() {
        List<Notice> firing = List.of(DEV_SUBSCRIPTION, devTest03NotMonitored(), devTest03AmaDown());

        assertTrue(Inhibitions.of(firing, List.of()).inhibited(devTest03NotMonitored()));
        // the agent being down is its own problem, not a consequence of the plan
        assertFalse(Inhibitions.of(firing, List.of()).inhibited(devTest03AmaDown()));
        assertFalse(Inhibitions.of(firing, List.of()).inhibited(DEV_SUBSCRIPTION));
    }

    @Test
    void aMachineWithoutTheAgentsThePlanWouldProvisionIsMutedToo() {
        List<Notice> firing = List.of(DEV_SUBSCRIPTION, devTest03NeedsLogAnalyticsAgent());

        assertTrue(Inhibitions.of(firing, List.of()).inhibited(devTest03NeedsLogAnalyticsAgent()));
        assertFalse(Inhibitions.of(firing, List.of()).inhibited(prodWeb01NeedsLogAnalyticsAgent()), "not across");
    }

    @Test
    void notAcrossSubscriptions() {
        List<Notice> firing = List.of(DEV_SUBSCRIPTION, prodWeb01NotMonitored());

        assertFalse(Inhibitions.of(firing, List.of()).inhibited(prodWeb01NotMonitored()));
    }

    @Test
    void notOnceTheSourceResolves() {
        Notice planEnabled = resolved(DEV_SUBSCRIPTION, Instant.parse("2026-11-23T09:30:00Z"));

        assertFalse(Inhibitions.of(List.of(planEnabled), List.of()).inhibited(devTest03NotMonitored()));
        assertFalse(Inhibitions.of(List.of(), List.of()).inhibited(devTest03NotMonitored()));
    }

    @Test
    void theRemediationStepsOfAnInhibitedFindingAreMutedWithIt() {
        Notice planned = SeedNotices.asRemediation(devTest03NotMonitored(), NoticeKind.REMEDIATION_PLANNED);
        Notice installFailed = SeedNotices.asRemediation(devTest03NotMonitored(), NoticeKind.REMEDIATION_FAILED);

        // with the finding's own notice known, and without it (the step came first)
        assertTrue(Inhibitions.of(List.of(DEV_SUBSCRIPTION, devTest03NotMonitored()), List.of())
                .inhibited(planned));
        assertTrue(Inhibitions.of(List.of(DEV_SUBSCRIPTION), List.of()).inhibited(installFailed));
        assertFalse(Inhibitions.of(List.of(devTest03NotMonitored()), List.of()).inhibited(planned));
        Notice amaReinstall = SeedNotices.asRemediation(devTest03AmaDown(), NoticeKind.REMEDIATION_PLANNED);
        assertFalse(Inhibitions.of(List.of(DEV_SUBSCRIPTION, devTest03AmaDown()), List.of())
                .inhibited(amaReinstall));
    }

    @Test
    void aConfiguredRuleInhibitsItsTargetsWhereTheEqualLabelsAgree() {
        // an agent that is down explains a Log Analytics agent finding on the same estate
        InhibitRule agentDownExplainsLogAnalytics = new InhibitRule(
                List.of(Matcher.parse("rule=CW-AGENT-AMA-DOWN")),
                List.of(Matcher.parse("rule=CW-MON-LA-AGENT")),
                List.of("tag:env"));
        Notice prodWeb01 = prodWeb01NeedsLogAnalyticsAgent();

        assertFalse(Inhibitions.of(List.of(devTest03AmaDown()), List.of(agentDownExplainsLogAnalytics))
                .inhibited(prodWeb01));
        assertTrue(Inhibitions.of(List.of(devTest03AmaDown()), List.of(agentDownExplainsLogAnalytics))
                .inhibited(SeedNotices.withTags(prodWeb01, Map.of("env", "dev"))));
    }

    @Test
    void aNoticeMatchingBothSidesIsNotInhibitedByOneThatDoesToo() {
        InhibitRule highOverHigh = new InhibitRule(
                List.of(Matcher.parse("severity=High")),
                List.of(Matcher.parse("severity=High")),
                List.of("subscription"));

        assertFalse(Inhibitions.of(List.of(devTest03AmaDown()), List.of(highOverHigh))
                .inhibited(devTest03AmaDown()));
        assertFalse(
                Inhibitions.of(List.of(DEV_SUBSCRIPTION), List.of(highOverHigh)).inhibited(devTest03AmaDown()));
    }

    @Test
    void aNoticeMatchingBothSidesIsInhibitedByACauseMatchingOnlyTheSource() {
        InhibitRule highOverAgentDown = new InhibitRule(
                List.of(Matcher.parse("severity=High")),
                List.of(Matcher.parse("rule=CW-AGENT-AMA-DOWN")),
                List.of("subscription"));

        // devTest03's agent-down finding matches both sides; the plan being off matches only the source
        assertFalse(Inhibitions.of(List.of(devTest03AmaDown()), List.of(highOverAgentDown))
                .inhibited(devTest03AmaDown()));
        assertTrue(Inhibitions.of(List.of(devTest03AmaDown(), DEV_SUBSCRIPTION), List.of(highOverAgentDown))
                .inhibited(devTest03AmaDown()));
        assertFalse(Inhibitions.of(List.of(devTest03AmaDown(), DEV_SUBSCRIPTION), List.of(highOverAgentDown))
                .inhibited(prodWeb01NotMonitored()));
    }

    @Test
    void anInhibitRuleOnAnUnknownLabelOrWithoutSidesIsInvalidRouting() {
        List<Matcher> source = List.of(Matcher.parse("rule=CW-DEF-SERVERS"));
        List<Matcher> target = List.of(Matcher.parse("rule=CW-MON-NOT-MONITORED"));

        assertThrows(InvalidRouting.class, () -> new InhibitRule(source, target, List.of("resourceGroup")));
        assertThrows(InvalidRouting.class, () -> new InhibitRule(List.of(), target, List.of()));
        assertThrows(InvalidRouting.class, () -> new InhibitRule(source, null, List.of()));
    }
}
