package io.coverwatch.availability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a service answers and reports while the broker or the database is away ({@code coverwatch.availability.*}). */
@ConfigMapping(prefix = "coverwatch.availability")
public interface AvailabilityConfig {

    /** The {@code Retry-After} of a 503 answered because a dependency did not answer. */
    @WithDefault("5s")
    Duration retryAfter();

    /**
     * How long readiness waits for the broker to describe its cluster before it reports DOWN; a frozen broker
     * (accepting connections, answering nothing) is DOWN after this long.
     */
    @WithDefault("3s")
    Duration brokerProbeTimeout();

    /** How long a connection check waits for the database to answer. */
    @WithDefault("2s")
    Duration databaseProbeTimeout();
}
