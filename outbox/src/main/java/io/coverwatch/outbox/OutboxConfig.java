package io.coverwatch.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay ({@code coverwatch.outbox.*}). */
@ConfigMapping(prefix = "coverwatch.outbox")
public interface OutboxConfig {

    /** How often committed events left unpublished (after a crash or a broker outage) are retried. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How many events the relay sends per round. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a round before trying again later. */
    @WithDefault("10s")
    Duration sendTimeout();
}
