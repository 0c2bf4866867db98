package io.coverwatch.notification.routing.grouping;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.NoticeLabels;
import io.coverwatch.notification.routing.Route;
import io.coverwatch.notification.routing.RouteMatch;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which group a notice joins on a route: the route's path and the notice's values of the route's {@code group_by}
 * labels. Built from configuration and the notice alone, so it is the same after a restart and on every instance.
 *
 * @param routePath the route, as {@link RouteMatch#routePath()}
 * @param labels    the {@code group_by} labels the notice has a value for, with those values (for the header)
 */
public record GroupKey(String routePath, Map<String, String> labels) {

    public GroupKey {
        Objects.requireNonNull(routePath, "routePath");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The group {@code notice} joins on the route it matched. */
    public static GroupKey of(RouteMatch match, Notice notice) {
        Map<String, String> labels = new TreeMap<>();
        if (match.groupBy().contains(Route.ALL_LABELS)) {
            labels.putAll(NoticeLabels.all(notice));
        } else {
            for (String label : match.groupBy()) {
                String value = NoticeLabels.value(notice, label);
                if (!value.isEmpty()) {
                    labels.put(label, value);
                }
            }
        }
        return new GroupKey(match.routePath(), labels);
    }

    /**
     * The key as text, Alertmanager style: {@code /0{severity="high",subscription="2222…"}}. Labels sorted, values
     * quoted and escaped (tags are untrusted), built-in labels lower-cased since Azure ignores their case.
     */
    public String value() {
        return routePath
                + new TreeMap<>(labels)
                        .entrySet().stream()
                                .map(label -> label.getKey() + "="
                                        + quote(NoticeLabels.keyForm(label.getKey(), label.getValue())))
                                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A fixed-length digest of {@link #value()}, for storage keys. */
    public String id() {
        return Digests.sha256(value());
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
