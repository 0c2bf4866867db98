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
 * @param key            the group
 * @param notices        the group's notices by {@link Notice#identity()}, latest version of each: firing ones (muted ones
 *                       included, so they are told once the mute lapses) and resolved ones still to be told resolved
 * @param firstSeenAt    when this run of the group began (its first notice after it was empty); null while empty
 * @param lastNotifiedAt when the last message was flushed; null before the first
 * @param notifiedFiring the identities of the notices the last message told as firing
 * @param sequence       how many messages this run of the group has flushed
 */
public record GroupState(
        GroupKey key,
        Map<String, Notice> notices,
        Instant firstSeenAt,
        Instant lastNotifiedAt,
        Set<String> notifiedFiring,
        long sequence) {

    public GroupState {
        Objects.requireNonNull(key, "key");
        notices = notices == null ? Map.of() : Map.copyOf(notices);
        notifiedFiring = notifiedFiring == null ? Set.of() : Set.copyOf(notifiedFiring);
    }

    /** A group with no notices yet: what the runtime starts from when it has no state stored under the key. */
    public static GroupState empty(GroupKey key) {
        return new GroupState(key, Map.of(), null, null, Set.of(), 0);
    }

    /** Whether the last message told the notice of this {@link Notice#identity()} as firing. */
    public boolean toldFiring(String identity) {
        return notifiedFiring.contains(identity);
    }
}
