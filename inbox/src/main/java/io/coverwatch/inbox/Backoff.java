package io.coverwatch.inbox;

import java.time.Duration;

/** Pauses that double from an initial one up to a ceiling. */
final class Backoff {

    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.max = max;
        this.next = initial;
    }

    /** The pause to take now; each call doubles the following one, up to the ceiling. */
    Duration next() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return pause.compareTo(max) > 0 ? max : pause;
    }

    /** Sleeps for {@code pause}; an interruption (the service stopping) ends the wait with an exception. */
    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to try again", e);
        }
    }
}
