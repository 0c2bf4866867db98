package io.coverwatch.notification.routing;

import io.coverwatch.notification.notice.Notice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Which routes, and so which channels, a notice goes to: Alertmanager's routing tree walk. */
public final class Routing {

    private Routing() {}

    /**
     * Throws {@link InvalidRouting} unless {@code root} can be the tree's root: it names a receiver, has no matchers
     * (every notice enters there) and no {@code continue}.
     */
    public static void validate(Route root) {
        Objects.requireNonNull(root, "root");
        if (root.receiver() == null) {
            throw new InvalidRouting("the root route needs a receiver, for notices no other route takes");
        }
        if (!root.matchers().isEmpty()) {
            throw new InvalidRouting("the root route must not have matchers: every notice enters there");
        }
        if (root.continueMatching()) {
            throw new InvalidRouting("the root route has no siblings to continue to");
        }
    }

    /**
     * The routes {@code notice} goes to, in tree order; never empty, since the root takes whatever no child does.
     * Each match carries its route's settings with the ancestors' filled in.
     */
    public static List<RouteMatch> receiversFor(Route root, Notice notice) {
        validate(root);
        RouteMatch defaults = new RouteMatch("", root.receiver(), List.of(), Timings.DEFAULTS, true);
        return match(root, "/", defaults, notice);
    }

    /**
     * The route at {@code routePath} (as {@link RouteMatch#routePath()}) with its ancestors' settings filled in; empty
     * when the tree has no such route, as after the tree was replaced.
     */
    public static Optional<RouteMatch> routeAt(Route root, String routePath) {
        validate(root);
        Route route = root;
        String path = "/";
        RouteMatch here = inherit(root, path, new RouteMatch("", root.receiver(), List.of(), Timings.DEFAULTS, true));
        if (routePath.equals(path)) {
            return Optional.of(here);
        }
        if (!routePath.startsWith("/")) {
            return Optional.empty();
        }
        for (String step : routePath.substring(1).split("/", -1)) {
            int index = step.matches("\\d{1,9}") ? Integer.parseInt(step) : -1;
            if (index < 0 || index >= route.routes().size()) {
                return Optional.empty();
            }
            route = route.routes().get(index);
            path = childPath(path, index);
            here = inherit(route, path, here);
        }
        return Optional.of(here);
    }

    private static List<RouteMatch> match(Route route, String path, RouteMatch parent, Notice notice) {
        if (!Matcher.all(route.matchers(), notice)) {
            return List.of();
        }
        RouteMatch here = inherit(route, path, parent);
        List<RouteMatch> matches = new ArrayList<>();
        for (int i = 0; i < route.routes().size(); i++) {
            Route child = route.routes().get(i);
            List<RouteMatch> childMatches = match(child, childPath(path, i), here, notice);
            matches.addAll(childMatches);
            if (!childMatches.isEmpty() && !child.continueMatching()) {
                break;
            }
        }
        return matches.isEmpty() ? List.of(here) : matches;
    }

    private static RouteMatch inherit(Route route, String path, RouteMatch parent) {
        Timings inherited = parent.timings();
        return new RouteMatch(
                path,
                route.receiver() != null ? route.receiver() : parent.receiver(),
                route.groupBy() != null ? route.groupBy() : parent.groupBy(),
                new Timings(
                        route.groupWait() != null ? route.groupWait() : inherited.groupWait(),
                        route.groupInterval() != null ? route.groupInterval() : inherited.groupInterval(),
                        route.repeatInterval() != null ? route.repeatInterval() : inherited.repeatInterval()),
                route.sendResolved() != null ? route.sendResolved() : parent.sendResolved());
    }

    private static String childPath(String path, int index) {
        return (path.endsWith("/") ? path : path + "/") + index;
    }
}
