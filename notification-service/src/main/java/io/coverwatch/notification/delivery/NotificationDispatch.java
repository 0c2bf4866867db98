package io.coverwatch.notification.delivery;

import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.channel.ChannelRecord;
import io.coverwatch.notification.notice.NoticeGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Hands one group to one channel: the grouping runtime calls it for every flush and every channel its route names, the
 * self-test for its canary and every channel.
 *
 * <p>The group is rendered now and stored in the delivery log in the caller's transaction, keyed by
 * {@code deliveryKey}, channel and part: deciding the same message twice stores it once, and it is sent only if the
 * decision commits. Sending happens after the commit ({@link DeliveryWorker}).
 */
@ApplicationScoped
public class NotificationDispatch {

    private final DeliveryLog log;
    private final Event<DeliveriesQueued> queued;
    private final Clock clock;
    private final int maxMessages;

    NotificationDispatch(DeliveryLog log, Event<DeliveriesQueued> queued, Clock clock, NotificationConfig config) {
        this.log = log;
        this.queued = queued;
        this.clock = clock;
        this.maxMessages = config.delivery().maxMessagesPerGroup();
    }

    /**
     * @param deliveryKey stable for the same decision (a flush's key, a test alert's ID)
     * @return how many messages were new (0 when this decision was stored before)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deliver(String deliveryKey, NoticeGroup group, ChannelRecord channel) {
        List<String> bodies = MessageFormats.of(channel.kind, maxMessages).render(group);
        int added = 0;
        for (int part = 0; part < bodies.size(); part++) {
            if (log.add(deliveryKey, group.groupKey(), channel.id, part, bodies.get(part), clock.instant())) {
                added++;
            }
        }
        if (added > 0) {
            queued.fire(DeliveriesQueued.INSTANCE);
        }
        return added;
    }

    /** Fired inside the transaction; observed after it commits, to send without waiting for the next poll. */
    enum DeliveriesQueued {
        INSTANCE
    }
}
