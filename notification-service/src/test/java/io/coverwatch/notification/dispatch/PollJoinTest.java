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
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

    /** One group for every notice: the route groups by nothing. */
    private final RouteMatch route =
            new RouteMatch("/poll-" + UUID.randomUUID(), "soc-slack", List.of(), Timings.DEFAULTS, true);

    @AfterEach
    void dropGroups() {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("delete from notice_group where route_path = :path")
                .setParameter("path", route.routePath())
                .executeUpdate());
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

        List<String> members = members(GroupKey.of(route, amaDown).id());
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

    /** The identities of the notices the group holds. */
    private List<String> members(String groupId) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery(
                        "select notice_identity from notice_group_member where route_path = :path and group_id = :id",
                        String.class)
                .setParameter("path", route.routePath())
                .setParameter("id", groupId)
                .getResultList());
    }
}
