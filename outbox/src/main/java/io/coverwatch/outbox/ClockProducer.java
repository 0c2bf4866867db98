package io.coverwatch.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock of a service that publishes through the outbox: the outbox stamps its rows with it and the service's
 * own beans inject the same one, so time is controlled in one place. A service or test that produces its own overrides
 * it.
 */
class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
