package io.coverwatch.notification.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.SeedNotices;
import io.coverwatch.notification.routing.Timings;
import io.coverwatch.notification.routing.grouping.GroupKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A poll's notices join their group together, in their order, as they would one by one: what fired stays, what fired
 * and resolved before anything was told leaves; notices of two groups are refused.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class PollJoinTest {

    @Inject
    GroupStore groups;

    /** One group for every notice: the route groups by nothing, with the default timings. */
    private final TestRoute test = TestRoute.named("poll");

    private final RouteMatch route = test.match();

    @AfterEach
    void dropGroups() {
        test.dropGroups();
    }

    @Test
    void aPollJoinsItsGroupOnceWithEveryNoticeInOrder() {
        Notice amaDown = SeedNotices.devTest03AmaDown();
        Notice notMonitored = SeedNotices.prodWeb01NotMonitored();
        Notice sqlOff = SeedNotices.analyticsDbNeedsDefenderForSql();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew()
                .run(() -> groups.joinAll(
                        route, List.of(amaDown, notMonitored, sqlOff, SeedNotices.resolved(sqlOff, now)), now));

        List<String> members = test.members(GroupKey.of(route, amaDown).id());
        assertTrue(members.contains(amaDown.identity()), members.toString());
        assertTrue(members.contains(notMonitored.identity()), members.toString());
        assertFalse(members.contains(sqlOff.identity()), "fired and resolved before it was told: " + members);

        RouteMatch other = new RouteMatch("/poll-other", "soc-slack", List.of("subscription"), Timings.DEFAULTS, true);
        assertThrows(
                IllegalArgumentException.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> groups.joinAll(
                                other,
                                List.of(SeedNotices.devTest03AmaDown(), SeedNotices.prodWeb01NotMonitored()),
                                now)),
                "notices of two groups");
    }
}
