package io.coverwatch.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the consuming side ({@code coverwatch.inbox.*}). */
@ConfigMapping(prefix = "coverwatch.inbox")
public interface InboxConfig {

    /** Retrying a handler whose transaction failed. */
    Retry retry();

    /** Forgetting handled event IDs. */
    Retention retention();

    interface Retry {
        /** The pause after the first failed attempt; it doubles with each attempt up to {@link #maxBackoff()}. */
        @WithDefault("100ms")
        Duration initialBackoff();

        /** The longest pause between two attempts. */
        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * How many attempts a readable event gets when its handling fails for a reason that is not passing (a bug),
         * before it goes to its dead-letter topic with the reason. Passing failures are retried until they succeed.
         */
        @WithDefault("5")
        int attempts();
    }

    interface Retention {
        /**
         * How long a handled event's ID is kept against re-delivery. Longer than the topics keep their records (7
         * days by default on the local broker), so no record a consumer can still be given is forgotten.
         */
        @WithDefault("8d")
        Duration processedEvents();

        /** How often handled IDs past the retention are deleted. */
        @WithDefault("10m")
        Duration pruneInterval();

        /** How many rows one pruning transaction deletes, so it never holds many locks or a long transaction. */
        @WithDefault("1000")
        int pruneBatchSize();
    }
}
