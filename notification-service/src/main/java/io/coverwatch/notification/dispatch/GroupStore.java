package io.coverwatch.notification.dispatch;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.grouping.GroupKey;
import io.coverwatch.notification.routing.grouping.GroupState;
import io.coverwatch.notification.routing.grouping.Muting;
import io.coverwatch.notification.routing.grouping.NotificationGroups;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every group's {@link GroupState}, stored per route path and group key, and when to look at it next. A group's row is
 * locked by whoever changes it (a notice joining, a tick deciding a flush), so its changes never interleave.
 */
@ApplicationScoped
public class GroupStore {

    /** A group claimed by a tick: locked until the tick's transaction ends. */
    public record Claimed(String routePath, String groupId, GroupState state) {}

    /**
     * Fired inside the transaction that stored a group's wake-up; observed after it commits, to flush the group when it
     * falls due ({@link GroupAlarm}).
     */
    public record WakeUpStored(Instant at) {}

    private final Event<WakeUpStored> wakeUpStored;

    GroupStore(Event<WakeUpStored> wakeUpStored) {
        this.wakeUpStored = wakeUpStored;
    }

    /**
     * Adds {@code notices}, in their order, to the one group on the route they all belong to: the group's state is read
     * and written once for all of them. A group's state holds every notice it has, so joining a burst of a thousand one
     * at a time read and wrote a thousand ever larger states. One statement creates the group or locks its row: when a
     * tick empties and deletes the group while this waits on its lock, PostgreSQL inserts a new one instead (an
     * insert-or-lock never finds the row gone, as a separate insert and {@code select … for update} did).
     * The caller has grouped them: the group is the first notice's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void joinAll(RouteMatch match, List<Notice> notices, Instant now) {
        if (notices.isEmpty()) {
            return;
        }
        GroupKey key = GroupKey.of(match, notices.get(0));
        Object[] row =
                (Object[]) em().createNativeQuery("insert into notice_group (route_path, group_id, state, updated_at)"
                                + " values (:path, :id, :state, :now) on conflict (route_path, group_id)"
                                + " do update set updated_at = notice_group.updated_at returning state, next_wake_up")
                        .setParameter("path", match.routePath())
                        .setParameter("id", key.id())
                        .setParameter("state", ContractsJson.toJson(GroupState.empty(key)))
                        .setParameter("now", now)
                        .getSingleResult();
        GroupState state = read((String) row[0]);
        for (Notice notice : notices) {
            state = NotificationGroups.onNotice(state, notice, match, now);
        }
        if (NotificationGroups.finished(state, match)) {
            delete(match.routePath(), key.id());
            return;
        }
        // Unmuted is the earliest a group can be due; the tick looks at mutes when it gets there.
        Optional<Instant> wakeUp = Stream.concat(
                        NotificationGroups.nextWakeUp(state, match, Muting.NONE, now).stream(),
                        Optional.ofNullable(instant(row[1])).stream())
                .min(Comparator.naturalOrder());
        save(match.routePath(), key.id(), state, wakeUp, now);
    }

    /** Locks up to {@code limit} groups due at {@code now}, skipping those another transaction holds. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Claimed> claimDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("select route_path, group_id, state from notice_group"
                        + " where next_wake_up <= :now order by next_wake_up limit :limit for update skip locked")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream()
                .map(row -> new Claimed((String) row[0], (String) row[1], read((String) row[2])))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void save(String routePath, String groupId, GroupState state, Optional<Instant> nextWakeUp, Instant now) {
        // Without a wake-up the group waits for its next notice; a typed null would need the SQL type spelt out.
        Query update = em().createNativeQuery("update notice_group set state = :state, next_wake_up = "
                        + (nextWakeUp.isPresent() ? ":wake" : "null")
                        + ", updated_at = :now where route_path = :path and group_id = :id")
                .setParameter("state", ContractsJson.toJson(state))
                .setParameter("now", now)
                .setParameter("path", routePath)
                .setParameter("id", groupId);
        nextWakeUp.ifPresent(wake -> update.setParameter("wake", wake));
        update.executeUpdate();
        nextWakeUp.ifPresent(wake -> wakeUpStored.fire(new WakeUpStored(wake)));
    }

    /** The earliest wake-up stored after {@code now}, of any group on any instance. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> earliestWakeUpAfter(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em().createNativeQuery(
                        "select min(next_wake_up) from notice_group where next_wake_up > :now")
                .setParameter("now", now)
                .getResultList();
        return rows.stream().filter(Objects::nonNull).map(GroupStore::instant).findFirst();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(String routePath, String groupId) {
        em().createNativeQuery("delete from notice_group where route_path = :path and group_id = :id")
                .setParameter("path", routePath)
                .setParameter("id", groupId)
                .executeUpdate();
    }

    private static GroupState read(String json) {
        return ContractsJson.fromJson(json, GroupState.class);
    }

    private static Instant instant(Object column) {
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) column;
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
