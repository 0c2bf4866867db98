package io.coverwatch.notification.routing.grouping;

import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.inhibition.InhibitRule;
import io.coverwatch.notification.routing.inhibition.Inhibitions;
import io.coverwatch.notification.routing.silence.Silence;
import io.coverwatch.notification.routing.silence.Silences;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Which notices are left out of messages for now: silenced or inhibited. */
@FunctionalInterface
public interface Muting {

    /** Nothing muted. */
    Muting NONE = notice -> false;

    boolean muted(Notice notice);

    /**
     * Muted by a silence active at {@code now}, or inhibited by one of {@code firing} (every firing notice the service
     * knows, across groups) under the built-in or the configured inhibit rules.
     */
    static Muting of(List<Silence> silences, List<InhibitRule> inhibitRules, Collection<Notice> firing, Instant now) {
        Inhibitions inhibitions = Inhibitions.of(firing, inhibitRules);
        return notice -> Silences.silenced(notice, silences, now) || inhibitions.inhibited(notice);
    }
}
