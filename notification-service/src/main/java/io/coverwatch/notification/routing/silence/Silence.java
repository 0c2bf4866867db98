package io.coverwatch.notification.routing.silence;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.InvalidRouting;
import io.coverwatch.notification.routing.Matcher;
import java.time.Instant;
import java.util.List;

/**
 * Mutes the notices it matches for a while, as an Alertmanager silence: a muted notice is left out of messages but
 * kept in its group, so it is told once the silence lapses.
 *
 * @param matchers  every one must match; at least one, and not all of them may match a notice lacking their label
 *                  (a silence that mutes everything is a mistake)
 * @param createdBy who silenced
 * @param comment   why
 * @param startsAt  from when (inclusive)
 * @param endsAt    until when (exclusive): the expiry
 * @throws InvalidRouting for no matchers, matchers that match everything, no author or reason, or an end not after
 *                        the start
 */
public record Silence(List<Matcher> matchers, String createdBy, String comment, Instant startsAt, Instant endsAt) {

    public Silence {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new InvalidRouting("a silence needs at least one matcher");
        }
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw new InvalidRouting("a silence needs a matcher that does not match an empty label: " + matchers
                    + " would silence every notice");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new InvalidRouting("a silence needs its creator");
        }
        if (comment == null || comment.isBlank()) {
            throw new InvalidRouting("a silence needs a comment saying why");
        }
        if (startsAt == null || endsAt == null) {
            throw new InvalidRouting("a silence needs a start and an expiry");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidRouting("a silence must expire after it starts (" + startsAt + " → " + endsAt + ")");
        }
    }

    /** Whether the silence is in force at {@code now}: started and not yet expired. */
    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** Whether the silence, when active, mutes {@code notice}. */
    public boolean matches(Notice notice) {
        return Matcher.all(matchers, notice);
    }
}
