package io.coverwatch.notification.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.SeedNotices;
import io.coverwatch.notification.routing.Timings;
import io.coverwatch.notification.routing.grouping.Flush;
import io.coverwatch.notification.routing.grouping.GroupState;
import io.coverwatch.notification.routing.grouping.Muting;
import io.coverwatch.notification.routing.grouping.NotificationGroups;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An outage's group of two thousand silent agents, as the store keeps it: a notice joining it, and a message telling
 * it, write that notice's row and the group's own row, and leave the other notices' rows as they were. Each read and
 * wrote the whole group before (megabytes of JSON), so the outage's webhook waited on its own group (docs/benchmarks.md,
 * detection run 29).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class GroupMembersTest {

    /**
     * A day ahead, so the service's own tick never finds the group due: its route is not in the routing in force, and
     * the tick would drop it.
     */
    private static final Instant OUTAGE = Instant.now().plus(Duration.ofDays(1));

    @Inject
    GroupStore groups;

    /** One group for every notice: the route groups by nothing, with the default timings. */
    private final TestRoute test = TestRoute.named("members");

    private final RouteMatch route = test.match();

    @AfterEach
    void dropGroups() {
        test.dropGroups();
    }

    @Test
    void aNoticeJoiningAnOutagesGroupWritesItsOwnRowAndNotTheOthers() {
        join(outage(0, 2_000), OUTAGE);
        Map<String, Long> before = rowVersions();
        join(outage(2_000, 1), OUTAGE.plusSeconds(1));

        Map<String, Long> after = rowVersions();
        assertEquals(2_001, after.size());
        before.forEach((identity, version) ->
                assertEquals(version, after.get(identity), identity + " was written again by another's join"));
        String state = state();
        assertTrue(state.length() < 1_000, "the group's own row holds none of its notices: " + state);
    }

    @Test
    void aMessageRecordsWhatItToldOnTheRowsOfTheNoticesItToldForTheFirstTime() {
        join(outage(0, 2_000), OUTAGE);
        assertEquals(
                2_000,
                flush(OUTAGE.plus(Timings.DEFAULTS.groupWait()))
                        .group()
                        .firing()
                        .size());
        join(outage(2_000, 1), OUTAGE.plusSeconds(60));
        Map<String, Long> before = rowVersions();

        Flush second = flush(OUTAGE.plus(Timings.DEFAULTS.groupWait()).plus(Timings.DEFAULTS.groupInterval()));

        assertEquals(2_001, second.group().firing().size(), "a message tells every firing notice of the group");
        Map<String, Long> after = rowVersions();
        String newcomer = outage(2_000, 1).get(0).identity();
        assertNotEquals(before.get(newcomer), after.get(newcomer), "the newcomer's row records that it was told");
        before.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(newcomer))
                .forEach(entry -> assertEquals(
                        entry.getValue(), after.get(entry.getKey()), entry.getKey() + " was told before: not written"));
        assertEquals(0L, untold(), "every notice's row says the last message told it");
    }

    /** Machines {@code from} to {@code from + count} of dev, their AMA silent. */
    private static List<Notice> outage(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(machine -> SeedNotices.devAmaDown(String.format("dev-vm-%04d", machine)))
                .toList();
    }

    private void join(List<Notice> notices, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> groups.joinAll(route, notices, at));
    }

    /** Decides and records the group's message due at {@code at}, as a tick does. */
    private Flush flush(Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> {
            GroupStore.Claimed group = groups.claimDue(at, 1_000).stream()
                    .filter(claimed -> claimed.routePath().equals(route.routePath()))
                    .findFirst()
                    .orElseThrow();
            Flush due = NotificationGroups.due(group.state(), route, Muting.NONE, at)
                    .orElseThrow();
            GroupState told = NotificationGroups.flushed(group.state(), due);
            groups.save(
                    group.routePath(),
                    group.groupId(),
                    group.state(),
                    told,
                    NotificationGroups.nextWakeUp(told, route, Muting.NONE, at),
                    at);
            return due;
        });
    }

    /** Each notice row's version ({@code xmin}, the transaction that last wrote it), by the notice's identity. */
    private Map<String, Long> rowVersions() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager()
                    .createNativeQuery("select notice_identity, xmin::text::bigint from notice_group_member"
                            + " where route_path = :path")
                    .setParameter("path", route.routePath())
                    .getResultList();
            Map<String, Long> versions = new TreeMap<>();
            rows.forEach(row -> versions.put((String) row[0], ((Number) row[1]).longValue()));
            return versions;
        });
    }

    private String state() {
        return QuarkusTransaction.requiringNew().call(() -> (String) Panache.getEntityManager()
                .createNativeQuery("select state from notice_group where route_path = :path")
                .setParameter("path", route.routePath())
                .getSingleResult());
    }

    private long untold() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(*) from notice_group_member where route_path = :path"
                                + " and not told_firing")
                        .setParameter("path", route.routePath())
                        .getSingleResult())
                .longValue());
    }
}
