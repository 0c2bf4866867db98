package io.coverwatch.notification.intake;

import io.coverwatch.notification.dispatch.CurrentNoticeStore;
import io.coverwatch.notification.dispatch.GroupStore;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.Route;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.Routing;
import io.coverwatch.notification.routing.grouping.GroupKey;
import io.coverwatch.notification.routingstore.RoutingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The front of the pipeline: findings and remediation steps enter here, in the transaction that records their event.
 * A notice joins its group on every route it matches; {@link io.coverwatch.notification.dispatch.GroupTicker} sends the
 * groups when they are due.
 */
@ApplicationScoped
public class NoticeIntake {

    private final RoutingStore routing;
    private final GroupStore groups;
    private final CurrentNoticeStore current;
    private final Clock clock;

    NoticeIntake(RoutingStore routing, GroupStore groups, CurrentNoticeStore current, Clock clock) {
        this.routing = routing;
        this.groups = groups;
        this.current = current;
        this.clock = clock;
    }

    /** Callers take a notice in once per fact (consumers dedupe by CloudEvent ID); a second time, it is an update. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accept(Notice notice) {
        acceptAll(List.of(notice));
    }

    /**
     * Takes in a poll's notices in one transaction: each group they join is read and written once, with its notices in
     * their order. Groups are joined in route and key order, so two polls lock the groups they share in one order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acceptAll(List<Notice> notices) {
        Instant now = clock.instant();
        Route root = routing.current().root();
        current.recordAll(notices, now);
        Map<String, Joining> joinings = new TreeMap<>();
        for (Notice notice : notices) {
            for (RouteMatch match : Routing.receiversFor(root, notice)) {
                joinings.computeIfAbsent(
                                match.routePath() + "\n"
                                        + GroupKey.of(match, notice).id(),
                                group -> new Joining(match, new ArrayList<>()))
                        .notices()
                        .add(notice);
            }
        }
        joinings.values().forEach(joining -> groups.joinAll(joining.match(), joining.notices(), now));
    }

    private record Joining(RouteMatch match, List<Notice> notices) {}
}
