package io.coverwatch.notification.routing.grouping;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.notification.routing.RouteMatch;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The grouping state machine, Alertmanager's dispatcher and dedup stage as pure functions of a {@link GroupState} and
 * the clock the runtime passes in. The runtime feeds every notice through {@link #onNotice}, asks {@link #due} when
 * {@link #nextWakeUp} comes, and stores what {@link #flushed} returns together with the delivery.
 *
 * <ul>
 *   <li>The first message goes out {@code group_wait} after the group's first notice, if something fires.
 *   <li>A later message goes out {@code group_interval} after the last one when a notice fired that the last one did
 *       not tell as firing (new, or back from a mute), or, on a route that sends resolved notices, one resolved.
 *   <li>Otherwise a group with firing notices is told again {@code repeat_interval} after its last message.
 *   <li>Muted notices stay in the group but out of messages; while one is muted the group is looked at every
 *       {@code group_interval}, as Alertmanager's group timer does, to notice the mute lapse.
 *   <li>A group with nothing left to tell is {@linkplain #finished finished}: the runtime drops it.
 * </ul>
 */
public final class NotificationGroups {

    private static final Comparator<Notice> MESSAGE_ORDER = Comparator.comparing(
                    Notice::severity, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Notice::resourceName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Notice::ruleId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Notice::identity);

    private NotificationGroups() {}

    /**
     * The group after {@code notice} arrived on the route {@code match}. A firing notice joins (or replaces its older
     * version); a resolved one stays only if the group told it firing and the route sends resolved notices, else it
     * leaves, since there is nothing to tell about it. A notice joining an empty group begins a new run. A part of the
     * group that holds the notice's older version, if any, gives the same answer as the whole group.
     *
     * @throws IllegalArgumentException when the notice belongs to another group
     */
    public static GroupState onNotice(GroupState state, Notice notice, RouteMatch match, Instant now) {
        GroupKey key = GroupKey.of(match, notice);
        if (!key.value().equals(state.key().value())) {
            throw new IllegalArgumentException("notice " + notice.identity() + " belongs to group " + key.value()
                    + ", not " + state.key().value());
        }
        Map<String, Notice> notices = new HashMap<>(state.notices());
        Set<String> notifiedFiring = new HashSet<>(state.notifiedFiring());
        String identity = notice.identity();
        if (notice.firing() || (match.sendResolved() && notifiedFiring.contains(identity))) {
            notices.put(identity, notice);
        } else {
            notices.remove(identity);
            notifiedFiring.remove(identity);
        }
        if (state.hasNoNotices() && !notices.isEmpty()) {
            return new GroupState(state.key(), notices, now, null, Set.of(), 0, GroupState.Others.NONE);
        }
        return new GroupState(
                state.key(),
                notices,
                state.firstSeenAt(),
                state.lastNotifiedAt(),
                notifiedFiring,
                state.sequence(),
                state.others());
    }

    /** The message the group is due to send at {@code now}, if any. */
    public static Optional<Flush> due(GroupState state, RouteMatch match, Muting muting, Instant now) {
        requireWhole(state);
        return pending(state, match, muting)
                .filter(pending -> !pending.dueAt().isAfter(now))
                .map(pending -> flush(state, pending, now));
    }

    /**
     * The group after {@code flush} was recorded as delivered: its firing notices are what was last told, its
     * resolved notices are told and leave, and so do the {@linkplain NoticeKind#happensOnce() steps} it told. Apply it to the state {@link #due} saw, in the same transaction; applying it twice
     * changes nothing.
     */
    public static GroupState flushed(GroupState state, Flush flush) {
        requireWhole(state);
        if (flush.sequence() <= state.sequence() || state.notices().isEmpty()) {
            return state;
        }
        Map<String, Notice> notices = new HashMap<>(state.notices());
        // a notice told resolved leaves, unless it fired again meanwhile
        flush.group()
                .resolved()
                .forEach(told -> notices.computeIfPresent(
                        told.identity(), (identity, current) -> current.firing() ? current : null));
        // a step told is over, unless it happened again meanwhile
        flush.group().firing().stream()
                .filter(told -> told.kind().happensOnce())
                .forEach(told -> notices.computeIfPresent(
                        told.identity(), (identity, current) -> current.equals(told) ? null : current));
        Set<String> notifiedFiring = flush.group().firing().stream()
                .map(Notice::identity)
                .filter(notices::containsKey)
                .collect(Collectors.toSet());
        return new GroupState(
                state.key(),
                notices,
                state.firstSeenAt(),
                flush.at(),
                notifiedFiring,
                flush.sequence(),
                GroupState.Others.NONE);
    }

    /**
     * When to call {@link #due} next; empty once the group is {@linkplain #finished finished}. A time not after
     * {@code now} means at once. For a part of the group, the earliest its notices call for: the runtime keeps the
     * wake-up it stored for the others when that is earlier.
     */
    public static Optional<Instant> nextWakeUp(GroupState state, RouteMatch match, Muting muting, Instant now) {
        if (finished(state, match)) {
            return Optional.empty();
        }
        Optional<Instant> dueAt = pending(state, match, muting).map(Pending::dueAt);
        boolean anyMuted = state.notices().values().stream().anyMatch(muting::muted);
        Optional<Instant> lookAgain =
                anyMuted ? Optional.of(now.plus(match.timings().groupInterval())) : Optional.empty();
        return Stream.of(dueAt, lookAgain).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    /** Whether the group has nothing left to tell: no firing notice, and no resolved one the route would send. */
    public static boolean finished(GroupState state, RouteMatch match) {
        GroupState.Others others = state.others();
        return state.notices().values().stream().noneMatch(notice -> notice.firing() || match.sendResolved())
                && others.firing() == 0
                && (!match.sendResolved() || others.resolved() == 0);
    }

    private static void requireWhole(GroupState state) {
        if (!state.whole()) {
            throw new IllegalArgumentException("a message is decided on the whole group, not a part of it: "
                    + state.key().value());
        }
    }

    private record Pending(FlushReason reason, List<Notice> firing, List<Notice> resolved, Instant dueAt) {}

    private static Optional<Pending> pending(GroupState state, RouteMatch match, Muting muting) {
        List<Notice> told = state.notices().values().stream()
                .filter(notice -> !muting.muted(notice))
                .sorted(MESSAGE_ORDER)
                .toList();
        List<Notice> firing = told.stream().filter(Notice::firing).toList();
        List<Notice> resolved = match.sendResolved()
                ? told.stream().filter(notice -> !notice.firing()).toList()
                : List.of();
        boolean anyFiring = !firing.isEmpty() || state.others().firing() > 0;
        if (state.lastNotifiedAt() == null) {
            return !anyFiring
                    ? Optional.empty()
                    : Optional.of(new Pending(
                            FlushReason.FIRST,
                            firing,
                            resolved,
                            state.firstSeenAt().plus(match.timings().groupWait())));
        }
        boolean newlyFiring = firing.stream().anyMatch(notice -> !state.toldFiring(notice.identity()));
        if (newlyFiring || !resolved.isEmpty()) {
            return Optional.of(new Pending(
                    FlushReason.CHANGED,
                    firing,
                    resolved,
                    state.lastNotifiedAt().plus(match.timings().groupInterval())));
        }
        return !anyFiring
                ? Optional.empty()
                : Optional.of(new Pending(
                        FlushReason.REPEAT,
                        firing,
                        resolved,
                        state.lastNotifiedAt().plus(match.timings().repeatInterval())));
    }

    private static Flush flush(GroupState state, Pending pending, Instant now) {
        long sequence = state.sequence() + 1;
        String content = Digests.sha256(keys("firing", pending.firing()) + "|" + keys("resolved", pending.resolved()));
        String deliveryKey =
                state.key().id() + ":" + state.firstSeenAt().toEpochMilli() + ":" + sequence + ":" + content;
        NoticeGroup group =
                new NoticeGroup(state.key().value(), state.key().labels(), pending.firing(), pending.resolved());
        return new Flush(deliveryKey, sequence, pending.reason(), group, now);
    }

    private static String keys(String name, List<Notice> notices) {
        return notices.stream().map(Notice::identity).sorted().collect(Collectors.joining(",", name + ":", ""));
    }
}
