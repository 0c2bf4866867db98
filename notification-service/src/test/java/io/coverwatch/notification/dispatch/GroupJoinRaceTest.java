package io.coverwatch.notification.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.SeedNotices;
import io.coverwatch.notification.routing.grouping.GroupKey;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interleaving that lost an alert after a restart, played in two real transactions: a tick holds a group's row,
 * empties and deletes the group; meanwhile dev-test-03's finding joins the same group and waits on the row's lock.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class GroupJoinRaceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    GroupStore groups;

    /** One group for every notice: the route groups by nothing, with the default timings. */
    private final TestRoute test = TestRoute.named("race");

    private final RouteMatch route = test.match();

    @AfterEach
    void dropGroups() {
        test.dropGroups();
    }

    @Test
    void aFindingJoiningAGroupTheTickDeletesUnderItStartsANewGroup() throws Exception {
        Notice remediationStep = SeedNotices.devTest03AmaDown();
        Notice finding = SeedNotices.devTest03NotMonitored();
        String groupId = GroupKey.of(route, finding).id();
        QuarkusTransaction.requiringNew().run(() -> groups.joinAll(route, List.of(remediationStep), Instant.now()));

        CountDownLatch tickHoldsTheRow = new CountDownLatch(1);
        CountDownLatch findingWaits = new CountDownLatch(1);
        CompletableFuture<Void> tick = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    lockGroup(groupId);
                    tickHoldsTheRow.countDown();
                    awaitLatch(findingWaits);
                    groups.delete(route.routePath(), groupId); // the tick sent the step: the group is done
                }));
        assertTrue(tickHoldsTheRow.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));

        CompletableFuture<Void> join = CompletableFuture.runAsync(() ->
                QuarkusTransaction.requiringNew().run(() -> groups.joinAll(route, List.of(finding), Instant.now())));
        await().atMost(TIMEOUT).until(() -> waitingOnALock() == 1);
        findingWaits.countDown();

        tick.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        join.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS); // threw NoResultException when the row was gone
        assertEquals(List.of(finding.identity()), test.members(groupId));
    }

    private void lockGroup(String groupId) {
        Panache.getEntityManager()
                .createNativeQuery(
                        "select group_id from notice_group where route_path = :path and group_id = :id" + " for update")
                .setParameter("path", route.routePath())
                .setParameter("id", groupId)
                .getSingleResult();
    }

    /** Sessions of this database blocked on a lock of a notice_group statement. */
    private static long waitingOnALock() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                                + " and wait_event_type = 'Lock' and query like '%notice_group%'")
                        .getSingleResult())
                .longValue());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the join never waited on the group's row");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
