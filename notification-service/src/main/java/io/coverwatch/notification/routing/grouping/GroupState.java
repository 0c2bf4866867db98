package io.coverwatch.notification.routing.grouping;

import io.coverwatch.notification.notice.Notice;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One group's state between calls, as the runtime persists it: Alertmanager's aggregation group and its notification
 * log entry together. Only {@link NotificationGroups} makes new states.
 *
 * <p>A state is the whole group, or a <i>part</i> of it: the notices a join touches, and how many of the others fire or
 * stand resolved. A join of a few notices to a group of thousands reads and writes those few (each notice's change
 * concerns only itself; whether the group begins a run or is finished needs only the counts), where reading and
 * writing the whole group on every join bounded an outage's webhook (docs/benchmarks.md, detection). A message is
 * decided on the whole group.
 *
 * @param key            the group
 * @param notices        the group's notices by {@link Notice#identity()}, latest version of each: firing ones (muted ones
 *                       included, so they are told once the mute lapses) and resolved ones still to be told resolved
 * @param firstSeenAt    when this run of the group began (its first notice after it was empty); null while empty
 * @param lastNotifiedAt when the last message was flushed; null before the first
 * @param notifiedFiring the identities of the notices the last message told as firing
 * @param sequence       how many messages this run of the group has flushed
 * @param others         the group's notices this state does not hold; {@link Others#NONE} for the whole group
 */
public record GroupState(
        GroupKey key,
        Map<String, Notice> notices,
        Instant firstSeenAt,
        Instant lastNotifiedAt,
        Set<String> notifiedFiring,
        long sequence,
        Others others) {

    /**
     * How many of a group's notices a part of it leaves out, firing and resolved.
     *
     * @param firing   the notices left out that fire
     * @param resolved the notices left out that stand resolved, to be told so
     */
    public record Others(long firing, long resolved) {
        public static final Others NONE = new Others(0, 0);

        public Others {
            if (firing < 0 || resolved < 0) {
                throw new IllegalArgumentException("counts of notices cannot be negative: " + firing + ", " + resolved);
            }
        }
    }

    public GroupState {
        Objects.requireNonNull(key, "key");
        notices = notices == null ? Map.of() : Map.copyOf(notices);
        notifiedFiring = notifiedFiring == null ? Set.of() : Set.copyOf(notifiedFiring);
        others = others == null ? Others.NONE : others;
    }

    /** A group with no notices yet: what the runtime starts from when it has no state stored under the key. */
    public static GroupState empty(GroupKey key) {
        return new GroupState(key, Map.of(), null, null, Set.of(), 0, Others.NONE);
    }

    /**
     * The part of a group holding {@code notices} (the latest version of each) and counting {@code others}: what a
     * join reads instead of the whole group.
     *
     * @param told which of {@code notices} the last message told as firing
     */
    public GroupState part(Map<String, Notice> notices, Set<String> told, Others others) {
        return new GroupState(key, notices, firstSeenAt, lastNotifiedAt, told, sequence, others);
    }

    /** Whether this state holds every notice of its group. */
    public boolean whole() {
        return others.equals(Others.NONE);
    }

    /** Whether the group has no notice at all, held or left out. */
    public boolean hasNoNotices() {
        return notices.isEmpty() && whole();
    }

    /** Whether the last message told the notice of this {@link Notice#identity()} as firing. */
    public boolean toldFiring(String identity) {
        return notifiedFiring.contains(identity);
    }
}
