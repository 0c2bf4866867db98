package io.coverwatch.notification.routing;

import java.util.List;
import java.util.Objects;

/**
 * A route a notice matched, with every setting resolved from the route and its ancestors.
 *
 * @param routePath    which route: {@code /} for the root, {@code /0/1} for the root's first child's second child
 * @param receiver     the channel the route's groups go to
 * @param groupBy      the labels whose values split the route's notices into groups; {@code [...]} for all labels
 * @param timings      the route's group_wait, group_interval and repeat_interval
 * @param sendResolved whether the route's messages tell of notices that resolved
 */
public record RouteMatch(
        String routePath, String receiver, List<String> groupBy, Timings timings, boolean sendResolved) {

    public RouteMatch {
        Objects.requireNonNull(routePath, "routePath");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(timings, "timings");
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    }
}
