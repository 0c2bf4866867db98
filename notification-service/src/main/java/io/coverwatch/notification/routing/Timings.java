package io.coverwatch.notification.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * When a group's messages go out, as Alertmanager's route timers.
 *
 * @param groupWait      how long a new group waits before its first message, so that notices arriving together go
 *                       out together
 * @param groupInterval  how long after a message a group waits before telling what changed since
 * @param repeatInterval how long after a message an unchanged group that still has firing notices is told again
 */
public record Timings(Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    /** Alertmanager's defaults: 30 s, 5 min, 4 h. */
    public static final Timings DEFAULTS =
            new Timings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));

    public Timings {
        Objects.requireNonNull(groupWait, "groupWait");
        Objects.requireNonNull(groupInterval, "groupInterval");
        Objects.requireNonNull(repeatInterval, "repeatInterval");
    }
}
