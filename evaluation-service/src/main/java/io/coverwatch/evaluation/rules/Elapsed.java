package io.coverwatch.evaluation.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations in the words a finding shows them in, as the seed's heartbeat table does ("4 hours ago"). */
public final class Elapsed {

    private Elapsed() {}

    /** For example {@code 4 hours}, {@code 1 day 2 hours}, {@code 15 minutes}; at most the two largest units. */
    public static String describe(Duration duration) {
        Duration positive = duration.isNegative() ? Duration.ZERO : duration;
        List<String> parts = new ArrayList<>();
        add(parts, positive.toDaysPart(), "day");
        add(parts, positive.toHoursPart(), "hour");
        add(parts, positive.toMinutesPart(), "minute");
        if (parts.isEmpty()) {
            add(parts, positive.toSecondsPart(), "second");
        }
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts.subList(0, Math.min(2, parts.size())));
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
