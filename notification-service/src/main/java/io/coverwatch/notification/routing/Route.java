package io.coverwatch.notification.routing;

import java.time.Duration;
import java.util.List;

/**
 * A node of the routing tree, as an Alertmanager route. A notice enters at the root and descends into the first child
 * whose matchers it satisfies, depth first; it stops at the first matching sibling unless that sibling has
 * {@code continueMatching}. When no child matches, the node itself takes the notice.
 *
 * <p>A null setting is inherited from the parent (the root falls back to {@link Timings#DEFAULTS}, no grouping labels
 * and sending resolved notices); {@code continueMatching} is never inherited.
 *
 * @param matchers         every one must match; none on the root
 * @param receiver         the channel name; required on the root
 * @param continueMatching after matching here, go on trying the next siblings (Alertmanager's {@code continue})
 * @param groupBy          labels whose values split notices into groups; {@code ["..."]} groups by every label
 * @param groupWait        see {@link Timings#groupWait()}
 * @param groupInterval    see {@link Timings#groupInterval()}
 * @param repeatInterval   see {@link Timings#repeatInterval()}
 * @param sendResolved     whether this route's messages tell of resolved notices
 * @param routes           the children, tried in order
 * @throws InvalidRouting for an unknown label, a blank receiver, or a negative or zero interval
 */
public record Route(
        List<Matcher> matchers,
        String receiver,
        boolean continueMatching,
        List<String> groupBy,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        Boolean sendResolved,
        List<Route> routes) {

    /** Alertmanager's {@code group_by: [...]}: group by every label, which amounts to one group per notice. */
    public static final String ALL_LABELS = "...";

    public Route {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        routes = routes == null ? List.of() : List.copyOf(routes);
        if (receiver != null && receiver.isBlank()) {
            throw new InvalidRouting("a route's receiver must name a channel");
        }
        if (groupBy != null) {
            groupBy = List.copyOf(groupBy);
            if (groupBy.contains(ALL_LABELS)) {
                if (groupBy.size() > 1) {
                    throw new InvalidRouting("group_by '...' groups by every label and stands alone");
                }
            } else {
                groupBy.forEach(NoticeLabels::requireKnown);
            }
        }
        if (groupWait != null && groupWait.isNegative()) {
            throw new InvalidRouting("group_wait must not be negative");
        }
        requirePositive("group_interval", groupInterval);
        requirePositive("repeat_interval", repeatInterval);
    }

    /** A route to {@code receiver} for notices matching all of {@code matchers}, every other setting inherited. */
    public static Route to(String receiver, Matcher... matchers) {
        return new Route(List.of(matchers), receiver, false, null, null, null, null, null, List.of());
    }

    public Route withRoutes(Route... children) {
        return new Route(
                matchers,
                receiver,
                continueMatching,
                groupBy,
                groupWait,
                groupInterval,
                repeatInterval,
                sendResolved,
                List.of(children));
    }

    /** The same route with Alertmanager's {@code continue: true}. */
    public Route continuing() {
        return new Route(
                matchers, receiver, true, groupBy, groupWait, groupInterval, repeatInterval, sendResolved, routes);
    }

    public Route withGroupBy(String... labels) {
        return new Route(
                matchers,
                receiver,
                continueMatching,
                List.of(labels),
                groupWait,
                groupInterval,
                repeatInterval,
                sendResolved,
                routes);
    }

    public Route withTimings(Duration wait, Duration interval, Duration repeat) {
        return new Route(matchers, receiver, continueMatching, groupBy, wait, interval, repeat, sendResolved, routes);
    }

    public Route withSendResolved(boolean send) {
        return new Route(
                matchers, receiver, continueMatching, groupBy, groupWait, groupInterval, repeatInterval, send, routes);
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new InvalidRouting(name + " must be positive");
        }
    }
}
