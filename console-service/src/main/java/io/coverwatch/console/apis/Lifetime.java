package io.coverwatch.console.apis;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How long a silence or an exemption made from a form lasts. A form offers these choices rather than a date, so the
 * expiry is reckoned on the server at the moment it is sent: never in the past, never in the wrong time zone.
 */
public enum Lifetime {
    HOUR("1h", "1 hour", Duration.ofHours(1)),
    FOUR_HOURS("4h", "4 hours", Duration.ofHours(4)),
    DAY("1d", "1 day", Duration.ofDays(1)),
    WEEK("7d", "7 days", Duration.ofDays(7)),
    MONTH("30d", "30 days", Duration.ofDays(30)),
    QUARTER("90d", "90 days", Duration.ofDays(90));

    /** What a silence is for: minutes to days of noise while something is being fixed. */
    public static final List<Lifetime> SILENCE = List.of(HOUR, FOUR_HOURS, DAY, WEEK);

    /** What an exemption is for: an accepted risk, reviewed again after a while. */
    public static final List<Lifetime> EXEMPTION = List.of(DAY, WEEK, MONTH, QUARTER);

    private final String value;
    private final String label;
    private final Duration length;

    Lifetime(String value, String label, Duration length) {
        this.value = value;
        this.label = label;
        this.length = length;
    }

    /** The form's value. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    public Instant endingFrom(Instant now) {
        return now.plus(length);
    }

    /** The choice a form sent, when it is one of {@code offered}. */
    public static Optional<Lifetime> of(String value, List<Lifetime> offered) {
        return Arrays.stream(values())
                .filter(offered::contains)
                .filter(lifetime -> lifetime.value.equals(value))
                .findFirst();
    }

    /** The choices, for a 400 page's sentence. */
    public static String listed(List<Lifetime> offered) {
        return String.join(", ", offered.stream().map(Lifetime::value).toList());
    }
}
