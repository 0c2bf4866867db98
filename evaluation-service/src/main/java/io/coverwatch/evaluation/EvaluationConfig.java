package io.coverwatch.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of evaluation-service ({@code coverwatch.evaluation.*}). */
@ConfigMapping(prefix = "coverwatch.evaluation")
public interface EvaluationConfig {

    /** CloudEvents {@code source} of the findings this service publishes. */
    @WithDefault("/coverwatch/evaluation-service")
    String eventSource();

    /** Outbox relay settings. */
    Outbox outbox();

    interface Outbox {
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
}
