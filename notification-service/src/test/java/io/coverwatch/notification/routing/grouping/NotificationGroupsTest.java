package io.coverwatch.notification.routing.grouping;

import static io.coverwatch.notification.routing.SeedNotices.analyticsDbNeedsDefenderForSql;
import static io.coverwatch.notification.routing.SeedNotices.devSubscriptionNeedsDefenderForServers;
import static io.coverwatch.notification.routing.SeedNotices.devTest03AmaDown;
import static io.coverwatch.notification.routing.SeedNotices.devTest03NotMonitored;
import static io.coverwatch.notification.routing.SeedNotices.prodWeb01NeedsLogAnalyticsAgent;
import static io.coverwatch.notification.routing.SeedNotices.prodWeb01NotMonitored;
import static io.coverwatch.notification.routing.SeedNotices.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.notification.routing.Matcher;
import io.coverwatch.notification.routing.Route;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.Routing;
import io.coverwatch.notification.routing.SeedNotices;
import io.coverwatch.notification.routing.silence.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** One group on a route grouping by subscription, with Alertmanager's default timers: 30 s, 5 min, 4 h. */
class NotificationGroupsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Route SOC_SLACK = Route.to("soc-slack").withGroupBy("subscription");

    @Test
    void threeNoticesArrivingWithinGroupWaitGoOutAsOneMessage() {
        GroupRun dev = new GroupRun(SOC_SLACK, devTest03AmaDown());
        dev.receive(devTest03AmaDown(), T0);
        dev.receive(devTest03NotMonitored(), T0.plusSeconds(10));
        dev.receive(devSubscriptionNeedsDefenderForServers(), T0.plusSeconds(20));

        assertEquals(Optional.of(T0.plusSeconds(30)), dev.nextWakeUp(T0.plusSeconds(20)));
        assertEquals(Optional.empty(), dev.tick(T0.plusSeconds(29)));
        Flush first = dev.tick(T0.plusSeconds(30)).orElseThrow();

        assertEquals(FlushReason.FIRST, first.reason());
        assertEquals(1, first.sequence());
        assertEquals(
                "/{subscription=\"" + SeedNotices.DEV + "\"}", first.group().groupKey());
        assertEquals(Map.of("subscription", SeedNotices.DEV), first.group().groupLabels());
        assertEquals(
                List.of(
                        "dev-subscription CW-DEF-SERVERS",
                        "dev-test-03 CW-AGENT-AMA-DOWN",
                        "dev-test-03 CW-MON-NOT-MONITORED"),
                names(first.group().firing()));
        assertEquals(List.of(), first.group().resolved());
        assertEquals(Optional.empty(), dev.tick(T0.plusSeconds(31)));
    }

    @Test
    void changesAfterTheFirstMessageWaitForGroupIntervalAndGoOutTogether() {
        GroupRun prod = new GroupRun(SOC_SLACK, prodWeb01NotMonitored());
        prod.receive(prodWeb01NotMonitored(), T0);
        prod.tick(T0.plusSeconds(30)).orElseThrow();

        prod.receive(prodWeb01NeedsLogAnalyticsAgent(), T0.plus(Duration.ofMinutes(1)));
        prod.receive(analyticsDbNeedsDefenderForSql(), T0.plus(Duration.ofMinutes(2)));

        Instant groupIntervalAfterFirst = T0.plusSeconds(30).plus(Duration.ofMinutes(5));
        assertEquals(Optional.of(groupIntervalAfterFirst), prod.nextWakeUp(T0.plus(Duration.ofMinutes(2))));
        assertEquals(Optional.empty(), prod.tick(groupIntervalAfterFirst.minusSeconds(1)));
        Flush batch = prod.tick(groupIntervalAfterFirst).orElseThrow();

        assertEquals(FlushReason.CHANGED, batch.reason());
        assertEquals(2, batch.sequence());
        // the message tells the whole group, High first
        assertEquals(
                List.of("prod-web-01 CW-MON-LA-AGENT", "prod-web-01 CW-MON-NOT-MONITORED", "analytics-db CW-DEF-SQL"),
                names(batch.group().firing()));
    }

    @Test
    void anUnchangedGroupIsToldAgainAfterRepeatIntervalWithItsLatestContent() {
        GroupRun prod = new GroupRun(SOC_SLACK, prodWeb01NotMonitored());
        prod.receive(prodWeb01NotMonitored(), T0);
        Flush first = prod.tick(T0.plusSeconds(30)).orElseThrow();

        // a finding that changes but still fires is not news (Alertmanager: an alert is its labels)
        Notice rediagnosed = SeedNotices.withDiagnosis(
                prodWeb01NotMonitored(), "Step 4 (Connectivity): AzureMonitor is unreachable from prod-web-01");
        prod.receive(rediagnosed, T0.plus(Duration.ofHours(1)));

        Instant repeatAt = T0.plusSeconds(30).plus(Duration.ofHours(4));
        assertEquals(Optional.of(repeatAt), prod.nextWakeUp(T0.plus(Duration.ofHours(1))));
        assertEquals(Optional.empty(), prod.tick(repeatAt.minusSeconds(1)));
        Flush repeat = prod.tick(repeatAt).orElseThrow();

        assertEquals(FlushReason.REPEAT, repeat.reason());
        assertEquals(List.of(rediagnosed), repeat.group().firing());
        assertNotEquals(first.deliveryKey(), repeat.deliveryKey());
        assertEquals(Optional.of(repeatAt.plus(Duration.ofHours(4))), prod.nextWakeUp(repeatAt));
    }

    @Test
    void resolvedNoticesAreToldAndTheGroupFinishesOnceAllAre() {
        GroupRun dev = new GroupRun(SOC_SLACK, devTest03AmaDown());
        dev.receive(devTest03AmaDown(), T0);
        dev.receive(devTest03NotMonitored(), T0);
        dev.tick(T0.plusSeconds(30)).orElseThrow();

        Instant heartbeatBack = T0.plus(Duration.ofMinutes(2));
        dev.receive(resolved(devTest03AmaDown(), heartbeatBack), heartbeatBack);
        Flush agentBack =
                dev.tick(T0.plusSeconds(30).plus(Duration.ofMinutes(5))).orElseThrow();

        assertEquals(FlushReason.CHANGED, agentBack.reason());
        assertEquals(
                List.of("dev-test-03 CW-MON-NOT-MONITORED"),
                names(agentBack.group().firing()));
        assertEquals(
                List.of(resolved(devTest03AmaDown(), heartbeatBack)),
                agentBack.group().resolved());

        Instant monitored = T0.plus(Duration.ofMinutes(6));
        dev.receive(resolved(devTest03NotMonitored(), monitored), monitored);
        Flush allClear =
                dev.tick(T0.plusSeconds(30).plus(Duration.ofMinutes(10))).orElseThrow();

        assertEquals(List.of(), allClear.group().firing());
        assertEquals(
                List.of("dev-test-03 CW-MON-NOT-MONITORED"),
                names(allClear.group().resolved()));
        assertTrue(dev.finished());
        assertEquals(Optional.empty(), dev.nextWakeUp(T0.plus(Duration.ofMinutes(11))));
    }

    @Test
    void onARouteWithoutResolvedNoticesResolvingSendsNothingAndTheGroupFinishesQuietly() {
        GroupRun dev = new GroupRun(SOC_SLACK.withSendResolved(false), devTest03AmaDown());
        dev.receive(devTest03AmaDown(), T0);
        dev.receive(devTest03NotMonitored(), T0);
        dev.tick(T0.plusSeconds(30)).orElseThrow();

        dev.receive(resolved(devTest03AmaDown(), T0.plus(Duration.ofMinutes(2))), T0.plus(Duration.ofMinutes(2)));
        assertEquals(Optional.empty(), dev.tick(T0.plus(Duration.ofMinutes(10))));
        assertEquals(
                Optional.of(T0.plusSeconds(30).plus(Duration.ofHours(4))),
                dev.nextWakeUp(T0.plus(Duration.ofMinutes(10))));

        dev.receive(
                resolved(devTest03NotMonitored(), T0.plus(Duration.ofMinutes(11))), T0.plus(Duration.ofMinutes(11)));
        assertTrue(dev.finished());
        assertEquals(Optional.empty(), dev.tick(T0.plus(Duration.ofHours(5))));
    }

    @Test
    void aNoticeThatResolvesWithinGroupWaitIsNeverTold() {
        GroupRun dev = new GroupRun(SOC_SLACK, devTest03AmaDown());
        dev.receive(devTest03AmaDown(), T0);
        dev.receive(resolved(devTest03AmaDown(), T0.plusSeconds(10)), T0.plusSeconds(10));

        assertTrue(dev.finished());
        assertEquals(Optional.empty(), dev.tick(T0.plusSeconds(30)));
    }

    @Test
    void aSilencedNoticeIsLeftOutAndToldOnceTheSilenceLapses() {
        Instant rebuilt = T0.plus(Duration.ofMinutes(20));
        List<Silence> silences = List.of(new Silence(
                List.of(Matcher.parse("rule=CW-AGENT-AMA-DOWN")),
                "alice@soc.example",
                "dev-test-03 is being rebuilt",
                T0.minus(Duration.ofMinutes(5)),
                rebuilt));
        GroupRun dev = new GroupRun(SOC_SLACK, devTest03AmaDown());
        dev.muting = now -> Muting.of(silences, List.of(), dev.firing(), now);
        dev.receive(devTest03AmaDown(), T0);
        dev.receive(devTest03NotMonitored(), T0);

        Flush first = dev.tick(T0.plusSeconds(30)).orElseThrow();
        assertEquals(
                List.of("dev-test-03 CW-MON-NOT-MONITORED"), names(first.group().firing()));
        // a muted notice keeps the group looked at every group_interval, to notice the silence lapse
        Instant lookAgain = T0.plusSeconds(30).plus(Duration.ofMinutes(5));
        assertEquals(Optional.of(lookAgain), dev.nextWakeUp(T0.plusSeconds(30)));
        assertEquals(Optional.empty(), dev.tick(lookAgain));
        assertEquals(Optional.empty(), dev.tick(rebuilt.minusSeconds(1)));

        Flush lapsed = dev.tick(rebuilt).orElseThrow();
        assertEquals(FlushReason.CHANGED, lapsed.reason());
        assertEquals(
                List.of("dev-test-03 CW-AGENT-AMA-DOWN", "dev-test-03 CW-MON-NOT-MONITORED"),
                names(lapsed.group().firing()));
    }

    @Test
    void anInhibitedNoticeIsLeftOutUntilItsCauseResolves() {
        GroupRun dev = new GroupRun(SOC_SLACK, devTest03NotMonitored());
        dev.muting = now -> Muting.of(List.of(), List.of(), dev.firing(), now);
        dev.receive(devSubscriptionNeedsDefenderForServers(), T0);
        dev.receive(devTest03NotMonitored(), T0);

        Flush first = dev.tick(T0.plusSeconds(30)).orElseThrow();
        assertEquals(
                List.of("dev-subscription CW-DEF-SERVERS"), names(first.group().firing()));

        // the plan is enabled; dev-test-03 still lacks its agents, which is now news
        Instant planEnabled = T0.plus(Duration.ofMinutes(8));
        dev.receive(resolved(devSubscriptionNeedsDefenderForServers(), planEnabled), planEnabled);
        Flush after = dev.tick(planEnabled).orElseThrow();

        assertEquals(
                List.of("dev-test-03 CW-MON-NOT-MONITORED"), names(after.group().firing()));
        assertEquals(
                List.of("dev-subscription CW-DEF-SERVERS"), names(after.group().resolved()));
    }

    @Test
    void everyInstanceAndEveryRestartComputesTheSameDeliveryKeyForTheSameMessage() {
        RouteMatch route = Routing.receiversFor(SOC_SLACK, devTest03AmaDown()).get(0);
        GroupState state = GroupState.empty(GroupKey.of(route, devTest03AmaDown()));
        state = NotificationGroups.onNotice(state, devTest03AmaDown(), route, T0);

        Flush here = NotificationGroups.due(state, route, Muting.NONE, T0.plusSeconds(30))
                .orElseThrow();
        Flush there = NotificationGroups.due(state, route, Muting.NONE, T0.plusSeconds(31))
                .orElseThrow();
        assertEquals(here.deliveryKey(), there.deliveryKey());

        GroupState after = NotificationGroups.flushed(state, here);
        assertEquals(after, NotificationGroups.flushed(after, there), "a flush applied twice changes nothing");

        // the same notice firing again a day after the group finished is a new run, with a new key
        Instant heartbeatBack = T0.plus(Duration.ofHours(1));
        GroupState resolving =
                NotificationGroups.onNotice(after, resolved(devTest03AmaDown(), heartbeatBack), route, heartbeatBack);
        Flush resolvedMessage = NotificationGroups.due(resolving, route, Muting.NONE, heartbeatBack)
                .orElseThrow();
        GroupState finished = NotificationGroups.flushed(resolving, resolvedMessage);
        assertTrue(NotificationGroups.finished(finished, route));
        Instant nextDay = T0.plus(Duration.ofDays(1));
        GroupState again = NotificationGroups.onNotice(finished, devTest03AmaDown(), route, nextDay);
        Flush rerun = NotificationGroups.due(again, route, Muting.NONE, nextDay.plusSeconds(30))
                .orElseThrow();
        assertEquals(1, rerun.sequence());
        assertNotEquals(here.deliveryKey(), rerun.deliveryKey());
    }

    @Test
    void theGroupKeyIsTheRouteAndItsGroupByValuesWhateverTheirCase() {
        RouteMatch route = Routing.receiversFor(SOC_SLACK.withGroupBy("tag:env", "severity"), devTest03AmaDown())
                .get(0);
        Notice upperCased = new Notice(
                "other",
                devTest03AmaDown().kind(),
                true,
                "CW-AGENT-AMA-DOWN",
                null,
                devTest03AmaDown().severity(),
                null,
                null,
                null,
                null,
                Map.of("env", "dev"),
                null,
                null,
                null,
                T0,
                null,
                null,
                null,
                null,
                null);

        GroupKey key = GroupKey.of(route, devTest03AmaDown());
        assertEquals("/{severity=\"high\",tag:env=\"dev\"}", key.value());
        assertEquals(Map.of("severity", "High", "tag:env", "dev"), key.labels());
        assertEquals(key.id(), GroupKey.of(route, upperCased).id());
        assertEquals(32, key.id().length());
    }

    @Test
    void aRemediationStepIsToldOnceNextToItsFindingThenLeaves() {
        GroupRun dev = new GroupRun(SOC_SLACK, devTest03AmaDown());
        dev.receive(devTest03AmaDown(), T0);
        dev.tick(T0.plusSeconds(30)).orElseThrow();

        Notice awaiting = SeedNotices.asRemediation(devTest03AmaDown(), NoticeKind.REMEDIATION_AWAITING_APPROVAL);
        dev.receive(awaiting, T0.plus(Duration.ofMinutes(1)));
        Flush step = dev.tick(T0.plusSeconds(30).plus(Duration.ofMinutes(5))).orElseThrow();

        assertEquals(FlushReason.CHANGED, step.reason());
        assertEquals(
                List.of(NoticeKind.FINDING, NoticeKind.REMEDIATION_AWAITING_APPROVAL),
                step.group().firing().stream().map(Notice::kind).sorted().toList(),
                "the step is told next to the finding it is about, which it does not replace");
        Flush repeat = dev.tick(T0.plusSeconds(30).plus(Duration.ofMinutes(5)).plus(Duration.ofHours(4)))
                .orElseThrow();
        assertEquals(FlushReason.REPEAT, repeat.reason());
        assertEquals(
                List.of(NoticeKind.FINDING),
                repeat.group().firing().stream().map(Notice::kind).toList());
        dev.receive(resolved(devTest03AmaDown(), T0.plus(Duration.ofHours(5))), T0.plus(Duration.ofHours(5)));
        dev.tick(T0.plus(Duration.ofHours(6))).orElseThrow();
        assertTrue(dev.finished(), "the step never resolves and keeps nothing open");
    }

    @Test
    void aJoinThatReadsOnlyItsOwnNoticesDecidesAsTheWholeGroupWould() {
        // dev's group told dev-test-03's AMA down and the subscription's Defender for Servers
        RouteMatch route = Routing.receiversFor(SOC_SLACK, devTest03AmaDown()).get(0);
        GroupState whole = GroupState.empty(GroupKey.of(route, devTest03AmaDown()));
        whole = NotificationGroups.onNotice(whole, devTest03AmaDown(), route, T0);
        whole = NotificationGroups.onNotice(whole, devSubscriptionNeedsDefenderForServers(), route, T0);
        whole = NotificationGroups.flushed(
                whole,
                NotificationGroups.due(whole, route, Muting.NONE, T0.plusSeconds(30))
                        .orElseThrow());
        Instant later = T0.plus(Duration.ofMinutes(1));

        // a new notice: the part holds nothing but counts the two told ones
        GroupState part = whole.part(Map.of(), Set.of(), new GroupState.Others(2, 0));
        Notice notMonitored = devTest03NotMonitored();
        assertSameDecision(
                NotificationGroups.onNotice(whole, notMonitored, route, later),
                NotificationGroups.onNotice(part, notMonitored, route, later),
                route,
                later);

        // dev-test-03's AMA resolves: the part holds it and counts the subscription's notice, still firing
        Notice heartbeatBack = resolved(devTest03AmaDown(), later);
        GroupState amaPart = whole.part(
                Map.of(devTest03AmaDown().identity(), devTest03AmaDown()),
                Set.of(devTest03AmaDown().identity()),
                new GroupState.Others(1, 0));
        assertSameDecision(
                NotificationGroups.onNotice(whole, heartbeatBack, route, later),
                NotificationGroups.onNotice(amaPart, heartbeatBack, route, later),
                route,
                later);
    }

    @Test
    void aMessageIsDecidedOnTheWholeGroupOnly() {
        RouteMatch route = Routing.receiversFor(SOC_SLACK, devTest03AmaDown()).get(0);
        GroupState part = NotificationGroups.onNotice(
                        GroupState.empty(GroupKey.of(route, devTest03AmaDown())), devTest03AmaDown(), route, T0)
                .part(Map.of(), Set.of(), new GroupState.Others(1, 0));

        assertThrows(
                IllegalArgumentException.class,
                () -> NotificationGroups.due(part, route, Muting.NONE, T0.plusSeconds(30)));
    }

    /** The part decides what the whole does: its run, whether it is finished, and when it is due next. */
    private static void assertSameDecision(GroupState whole, GroupState part, RouteMatch route, Instant now) {
        assertEquals(whole.firstSeenAt(), part.firstSeenAt());
        assertEquals(whole.sequence(), part.sequence());
        assertEquals(NotificationGroups.finished(whole, route), NotificationGroups.finished(part, route));
        assertEquals(
                NotificationGroups.nextWakeUp(whole, route, Muting.NONE, now),
                NotificationGroups.nextWakeUp(part, route, Muting.NONE, now));
        part.notices().forEach((identity, notice) -> {
            assertEquals(whole.notices().get(identity), notice);
            assertEquals(whole.toldFiring(identity), part.toldFiring(identity));
        });
    }

    @Test
    void aNoticeOfAnotherGroupIsRefused() {
        RouteMatch route = Routing.receiversFor(SOC_SLACK, devTest03AmaDown()).get(0);
        GroupState dev = GroupState.empty(GroupKey.of(route, devTest03AmaDown()));

        assertThrows(
                IllegalArgumentException.class,
                () -> NotificationGroups.onNotice(dev, prodWeb01NotMonitored(), route, T0));
    }

    private static List<String> names(List<Notice> notices) {
        return notices.stream()
                .map(notice -> notice.resourceName() + " " + notice.ruleId())
                .toList();
    }

    /** One group as the runtime drives it: every notice through onNotice, every flush recorded. */
    private static final class GroupRun {
        private final RouteMatch match;
        private final Map<String, Notice> latest = new HashMap<>();
        private GroupState state;
        private Function<Instant, Muting> muting = now -> Muting.NONE;

        GroupRun(Route root, Notice member) {
            this.match = Routing.receiversFor(root, member).get(0);
            this.state = GroupState.empty(GroupKey.of(match, member));
        }

        void receive(Notice notice, Instant at) {
            latest.put(notice.key(), notice);
            state = NotificationGroups.onNotice(state, notice, match, at);
        }

        Optional<Flush> tick(Instant at) {
            Optional<Flush> flush = NotificationGroups.due(state, match, muting.apply(at), at);
            flush.ifPresent(due -> state = NotificationGroups.flushed(state, due));
            return flush;
        }

        Optional<Instant> nextWakeUp(Instant at) {
            return NotificationGroups.nextWakeUp(state, match, muting.apply(at), at);
        }

        boolean finished() {
            return NotificationGroups.finished(state, match);
        }

        /** Every firing notice the service knows, as the runtime passes them for inhibition. */
        List<Notice> firing() {
            return latest.values().stream().filter(Notice::firing).toList();
        }
    }
}
