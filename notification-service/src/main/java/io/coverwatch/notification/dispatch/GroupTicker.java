package io.coverwatch.notification.dispatch;

import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.channel.ChannelRecord;
import io.coverwatch.notification.channel.ChannelStore;
import io.coverwatch.notification.delivery.NotificationDispatch;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.Routing;
import io.coverwatch.notification.routing.grouping.Flush;
import io.coverwatch.notification.routing.grouping.GroupState;
import io.coverwatch.notification.routing.grouping.Muting;
import io.coverwatch.notification.routing.grouping.NotificationGroups;
import io.coverwatch.notification.routingstore.RoutingDocument;
import io.coverwatch.notification.routingstore.RoutingInForce;
import io.coverwatch.notification.routingstore.RoutingStore;
import io.coverwatch.notification.silencestore.SilenceStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends what the groups are due to send. Each tick, and {@link GroupAlarm} at the instant a group stored here falls
 * due, claims the groups whose wake-up has come ({@code SKIP LOCKED}, so instances and the two share them), and per
 * group, in one transaction: decides the flush, stores its messages in the delivery log
 * under the flush's key, and stores the group's new state and wake-up. A restart or a second instance therefore finds
 * either the group not yet flushed or flushed and logged, never a message decided twice.
 */
@ApplicationScoped
public class GroupTicker {

    private static final Logger LOG = Logger.getLogger(GroupTicker.class);

    private final GroupStore groups;
    private final CurrentNoticeStore notices;
    private final SilenceStore silences;
    private final RoutingStore routing;
    private final ChannelStore channels;
    private final NotificationDispatch dispatch;
    private final Clock clock;
    private final int batch;

    GroupTicker(
            GroupStore groups,
            CurrentNoticeStore notices,
            SilenceStore silences,
            RoutingStore routing,
            ChannelStore channels,
            NotificationDispatch dispatch,
            Clock clock,
            NotificationConfig config) {
        this.groups = groups;
        this.notices = notices;
        this.silences = silences;
        this.routing = routing;
        this.channels = channels;
        this.dispatch = dispatch;
        this.clock = clock;
        this.batch = config.routing().tickBatch();
    }

    @Scheduled(
            every = "${coverwatch.notification.routing.tick-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            flushDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Looking at due groups failed; the next tick tries again");
        }
    }

    /** Flushes every group due at {@code now}, one transaction per batch, until a batch comes back short. */
    public void flushDue(Instant now) {
        while (QuarkusTransaction.requiringNew().call(() -> flushBatch(now)) == batch) {
            // a full batch: more groups may be due
        }
    }

    /**
     * Flushes the groups due at {@code now}, one batch, in the caller's transaction.
     *
     * @return how many groups were claimed
     */
    private int flushBatch(Instant now) {
        List<GroupStore.Claimed> due = groups.claimDue(now, batch);
        if (due.isEmpty()) {
            return 0;
        }
        RoutingInForce config = routing.current();
        Muting muting = Muting.of(silences.active(now), config.inhibitRules(), notices.firing(), now);
        for (GroupStore.Claimed group : due) {
            Optional<RouteMatch> match = Routing.routeAt(config.root(), group.routePath());
            if (match.isEmpty()) {
                LOG.infof(
                        "Group %s dropped: its route %s is gone",
                        group.state().key().value(), group.routePath());
                groups.delete(group.routePath(), group.groupId());
                continue;
            }
            advance(group, match.get(), muting, now);
        }
        return due.size();
    }

    private void advance(GroupStore.Claimed group, RouteMatch match, Muting muting, Instant now) {
        GroupState state = group.state();
        Optional<Flush> flush = NotificationGroups.due(state, match, muting, now);
        if (flush.isPresent()) {
            for (ChannelRecord channel : receivers(match)) {
                dispatch.deliver(flush.get().deliveryKey(), flush.get().group(), channel);
            }
            state = NotificationGroups.flushed(state, flush.get());
        }
        if (NotificationGroups.finished(state, match)) {
            groups.delete(group.routePath(), group.groupId());
        } else {
            groups.save(
                    group.routePath(),
                    group.groupId(),
                    group.state(),
                    state,
                    NotificationGroups.nextWakeUp(state, match, muting, now),
                    now);
        }
    }

    private List<ChannelRecord> receivers(RouteMatch match) {
        if (RoutingDocument.EVERY_CHANNEL.equals(match.receiver())) {
            return channels.active();
        }
        Optional<ChannelRecord> channel = channels.named(match.receiver());
        if (channel.isEmpty()) {
            LOG.warnf(
                    "Route %s sends to channel '%s', which was deleted since: its message goes nowhere",
                    match.routePath(), match.receiver());
        }
        return channel.stream().toList();
    }
}
