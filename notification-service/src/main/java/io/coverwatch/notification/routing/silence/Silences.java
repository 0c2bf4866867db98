package io.coverwatch.notification.routing.silence;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.InvalidRouting;
import java.time.Instant;
import java.util.List;

/** Which notices the silences mute. */
public final class Silences {

    private Silences() {}

    /**
     * Throws {@link InvalidRouting} unless {@code silence} may be created (or changed) at {@code now}: on top of what
     * every silence satisfies, its expiry must be in the future.
     */
    public static void validate(Silence silence, Instant now) {
        if (!silence.endsAt().isAfter(now)) {
            throw new InvalidRouting("the silence's expiry " + silence.endsAt() + " is in the past");
        }
    }

    /** Whether any silence active at {@code now} mutes {@code notice}. */
    public static boolean silenced(Notice notice, List<Silence> silences, Instant now) {
        return silences.stream().anyMatch(silence -> silence.activeAt(now) && silence.matches(notice));
    }
}
