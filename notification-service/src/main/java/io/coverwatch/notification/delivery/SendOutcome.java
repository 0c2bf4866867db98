package io.coverwatch.notification.delivery;

import java.time.Duration;
import java.util.Optional;

/** What came of one attempt to send a message. Error texts never contain the channel's URL. */
public sealed interface SendOutcome {

    /** The receiver's HTTP status; null when no response came. */
    Integer httpStatus();

    /** Why it did not go through; null when it did. */
    String error();

    /** A 2xx. */
    record Delivered(int status) implements SendOutcome {
        @Override
        public Integer httpStatus() {
            return status;
        }

        @Override
        public String error() {
            return null;
        }
    }

    /** A 429: the same message goes again after the receiver's Retry-After, when it gave one. */
    record RateLimited(Optional<Duration> retryAfter) implements SendOutcome {
        @Override
        public Integer httpStatus() {
            return 429;
        }

        @Override
        public String error() {
            return "rate limited by the receiver"
                    + retryAfter
                            .map(wait -> ", Retry-After " + wait.toSeconds() + " s")
                            .orElse(", no Retry-After");
        }
    }

    /** A 5xx, a 408, a timeout or a broken connection: worth another try after a backoff. */
    record Failed(Integer httpStatus, String error) implements SendOutcome {}

    /** Any other answer (a 4xx, an unfollowed redirect): trying again would get the same answer. */
    record Rejected(Integer httpStatus, String error) implements SendOutcome {}

    /** The channel's circuit is open: nothing was sent, so the attempt does not count. */
    record NotSent(String error) implements SendOutcome {
        @Override
        public Integer httpStatus() {
            return null;
        }
    }
}
