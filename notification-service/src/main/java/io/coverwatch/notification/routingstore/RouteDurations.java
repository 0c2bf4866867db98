package io.coverwatch.notification.routingstore;

import io.coverwatch.notification.routing.InvalidRouting;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Alertmanager's configuration writes them: {@code 30s}, {@code 5m}, {@code 4h}, {@code 1h30m}, {@code 500ms}. */
public final class RouteDurations {

    private static final Map<String, Duration> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("d", Duration.ofDays(1));
        UNITS.put("h", Duration.ofHours(1));
        UNITS.put("m", Duration.ofMinutes(1));
        UNITS.put("s", Duration.ofSeconds(1));
        UNITS.put("ms", Duration.ofMillis(1));
    }

    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}(ms|d|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");

    private RouteDurations() {}

    /** The duration {@code text} writes; null for null. {@link InvalidRouting} when it is not one. */
    public static Duration parse(String name, String text) {
        if (text == null) {
            return null;
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new InvalidRouting(name + " '" + text + "' is not a duration such as 30s, 5m, 4h or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            total = total.plus(UNITS.get(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
        }
        return total;
    }

    /** The shortest writing of {@code duration} in whole units; null for null. */
    public static String format(Duration duration) {
        if (duration == null) {
            return null;
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        Duration rest = duration;
        for (Map.Entry<String, Duration> unit : UNITS.entrySet()) {
            long count = rest.toMillis() / unit.getValue().toMillis();
            if (count > 0) {
                text.append(count).append(unit.getKey());
                rest = rest.minus(unit.getValue().multipliedBy(count));
            }
        }
        return text.toString();
    }
}
