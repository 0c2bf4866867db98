package io.coverwatch.notification.intake;

import io.coverwatch.notification.dispatch.CurrentNoticeStore;
import io.coverwatch.notification.dispatch.GroupStore;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.Routing;
import io.coverwatch.notification.routingstore.RoutingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

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
        Instant now = clock.instant();
        current.record(notice, now);
        for (RouteMatch match : Routing.receiversFor(routing.current().root(), notice)) {
            groups.join(match, notice, now);
        }
    }
}
