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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Every group's {@link GroupState}, stored per route path and group key, and when to look at it next. The group's row
 * holds its state without its notices; each notice is a row of its own ({@code notice_group_member}), so a join reads
 * and writes the notices it brings and a flush the ones it changed, not the whole group. A group's row is locked by
 * whoever changes the group (a notice joining, a tick deciding a flush), so its changes never interleave.
 */
@ApplicationScoped
public class GroupStore {

    /** A group claimed by a tick, whole: locked until the tick's transaction ends. */
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
     * Adds {@code notices}, in their order, to the one group on the route they all belong to. The join reads the part
     * of the group its notices touch (their older versions, and how many others fire or stand resolved) and writes
     * those notices' rows and the group's row: its cost follows the poll, not the group. One statement creates the
     * group or locks its row: when a tick empties and deletes the group while this waits on its lock, PostgreSQL
     * inserts a new one instead (an insert-or-lock never finds the row gone, as a separate insert and {@code select …
     * for update} did). The caller has grouped them: the group is the first notice's.
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
        Set<String> identities = new LinkedHashSet<>();
        notices.forEach(notice -> identities.add(notice.identity()));
        GroupState before = part(match.routePath(), key.id(), read((String) row[0]), identities);
        GroupState state = before;
        for (Notice notice : notices) {
            state = NotificationGroups.onNotice(state, notice, match, now);
        }
        if (NotificationGroups.finished(state, match)) {
            delete(match.routePath(), key.id());
            return;
        }
        // Unmuted is the earliest a group can be due; the tick looks at mutes when it gets there. The wake-up stored
        // stands for the notices this join did not read.
        Optional<Instant> wakeUp = Stream.concat(
                        NotificationGroups.nextWakeUp(state, match, Muting.NONE, now).stream(),
                        Optional.ofNullable(instant(row[1])).stream())
                .min(Comparator.naturalOrder());
        save(match.routePath(), key.id(), before, state, wakeUp, now);
    }

    /** Locks up to {@code limit} groups due at {@code now}, skipping those another transaction holds; each read whole. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Claimed> claimDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("select route_path, group_id, state from notice_group"
                        + " where next_wake_up <= :now order by next_wake_up limit :limit for update skip locked")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<List<String>, Members> members = members(
                "(route_path, group_id) in (select * from unnest(cast(:paths as varchar[]), cast(:ids as varchar[])))",
                query -> query.setParameter(
                                "paths",
                                rows.stream().map(row -> (String) row[0]).toArray(String[]::new))
                        .setParameter(
                                "ids", rows.stream().map(row -> (String) row[1]).toArray(String[]::new)));
        return rows.stream()
                .map(row -> {
                    Members of = members.getOrDefault(List.of((String) row[0], (String) row[1]), Members.NONE);
                    return new Claimed(
                            (String) row[0],
                            (String) row[1],
                            read((String) row[2]).part(of.notices(), of.told(), GroupState.Others.NONE));
                })
                .toList();
    }

    /**
     * Stores the group's state after a change from {@code before} (as read, whole or in part): the rows of the notices
     * that came, changed or left, and the group's row with its wake-up.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(
            String routePath,
            String groupId,
            GroupState before,
            GroupState after,
            Optional<Instant> nextWakeUp,
            Instant now) {
        List<String> gone = before.notices().keySet().stream()
                .filter(identity -> !after.notices().containsKey(identity))
                .toList();
        if (!gone.isEmpty()) {
            em().createNativeQuery("delete from notice_group_member where route_path = :path and group_id = :id"
                            + " and notice_identity = any(cast(:identities as text[]))")
                    .setParameter("path", routePath)
                    .setParameter("id", groupId)
                    .setParameter("identities", gone.toArray(String[]::new))
                    .executeUpdate();
        }
        List<Notice> changed = after.notices().entrySet().stream()
                .filter(entry -> !entry.getValue().equals(before.notices().get(entry.getKey()))
                        || before.toldFiring(entry.getKey()) != after.toldFiring(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        if (!changed.isEmpty()) {
            em().createNativeQuery("insert into notice_group_member"
                            + " (route_path, group_id, notice_identity, firing, told_firing, notice)"
                            + " select :path, :id, identity, firing, told, notice from unnest(cast(:identities as"
                            + " text[]), cast(:firing as boolean[]), cast(:told as boolean[]), cast(:notices as text[]))"
                            + " as t(identity, firing, told, notice)"
                            + " on conflict (route_path, group_id, notice_identity) do update set"
                            + " firing = excluded.firing, told_firing = excluded.told_firing, notice = excluded.notice")
                    .setParameter("path", routePath)
                    .setParameter("id", groupId)
                    .setParameter(
                            "identities", changed.stream().map(Notice::identity).toArray(String[]::new))
                    .setParameter("firing", changed.stream().map(Notice::firing).toArray(Boolean[]::new))
                    .setParameter(
                            "told",
                            changed.stream()
                                    .map(notice -> after.toldFiring(notice.identity()))
                                    .toArray(Boolean[]::new))
                    .setParameter(
                            "notices",
                            changed.stream().map(ContractsJson::toJson).toArray(String[]::new))
                    .executeUpdate();
        }
        // Without a wake-up the group waits for its next notice; a typed null would need the SQL type spelt out.
        Query update = em().createNativeQuery("update notice_group set state = :state, next_wake_up = "
                        + (nextWakeUp.isPresent() ? ":wake" : "null")
                        + ", updated_at = :now where route_path = :path and group_id = :id")
                .setParameter("state", ContractsJson.toJson(after.part(Map.of(), Set.of(), GroupState.Others.NONE)))
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

    /** The notices of a group, by identity, and which of them its last message told as firing. */
    private record Members(Map<String, Notice> notices, Set<String> told) {
        static final Members NONE = new Members(Map.of(), Set.of());
    }

    /** The part of the group {@code header} holding the notices of {@code identities}, counting the others. */
    private GroupState part(String routePath, String groupId, GroupState header, Set<String> identities) {
        Members held = members(
                        "route_path = :path and group_id = :id and notice_identity = any(cast(:identities as text[]))",
                        query -> query.setParameter("path", routePath)
                                .setParameter("id", groupId)
                                .setParameter("identities", identities.toArray(String[]::new)))
                .getOrDefault(List.of(routePath, groupId), Members.NONE);
        Object[] others = (Object[]) em().createNativeQuery("select count(*) filter (where firing),"
                        + " count(*) filter (where not firing) from notice_group_member where route_path = :path"
                        + " and group_id = :id and notice_identity <> all(cast(:identities as text[]))")
                .setParameter("path", routePath)
                .setParameter("id", groupId)
                .setParameter("identities", identities.toArray(String[]::new))
                .getSingleResult();
        return header.part(
                held.notices(),
                held.told(),
                new GroupState.Others(((Number) others[0]).longValue(), ((Number) others[1]).longValue()));
    }

    /** The member rows {@code where} selects, by route path and group ID. */
    private static Map<List<String>, Members> members(String where, UnaryOperator<Query> parameters) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = parameters
                .apply(em().createNativeQuery("select route_path, group_id, notice_identity, told_firing, notice"
                        + " from notice_group_member where " + where))
                .getResultList();
        Map<List<String>, Map<String, Notice>> notices = new HashMap<>();
        Map<List<String>, Set<String>> told = new HashMap<>();
        for (Object[] row : rows) {
            List<String> group = List.of((String) row[0], (String) row[1]);
            notices.computeIfAbsent(group, any -> new HashMap<>())
                    .put((String) row[2], ContractsJson.fromJson((String) row[4], Notice.class));
            if (Boolean.TRUE.equals(row[3])) {
                told.computeIfAbsent(group, any -> new HashSet<>()).add((String) row[2]);
            }
        }
        Map<List<String>, Members> members = new HashMap<>();
        notices.forEach((group, held) -> members.put(group, new Members(held, told.getOrDefault(group, Set.of()))));
        return members;
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
