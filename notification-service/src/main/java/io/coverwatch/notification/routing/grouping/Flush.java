package io.coverwatch.notification.routing.grouping;

import io.coverwatch.notification.notice.NoticeGroup;
import java.time.Instant;
import java.util.Objects;

/**
 * One message a group is due to send. The runtime records {@code deliveryKey} in its delivery log and
 * {@link NotificationGroups#flushed(GroupState, Flush)} in one transaction; a second instance, or the same one after a
 * restart, computes the same key for the same message, so the log's uniqueness sends it once.
 *
 * @param deliveryKey the group, its run, the sequence number and a hash of the firing and resolved keys
 * @param sequence    the message's number in the group's run, from 1
 * @param reason      why it goes out
 * @param group       what to render: the firing notices not muted, and the resolved ones when the route sends them
 * @param at          when it was found due
 */
public record Flush(String deliveryKey, long sequence, FlushReason reason, NoticeGroup group, Instant at) {

    public Flush {
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(at, "at");
    }
}
