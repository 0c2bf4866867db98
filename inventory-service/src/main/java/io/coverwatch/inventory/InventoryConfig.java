package io.coverwatch.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of inventory-service ({@code coverwatch.inventory.*}). */
@ConfigMapping(prefix = "coverwatch.inventory")
public interface InventoryConfig {

    /** CloudEvents {@code source} prefix; the origin (api, demo, azure-rm, event-hubs) is appended. */
    @WithDefault("/coverwatch/inventory-service")
    String eventSource();

    /** Outbox relay settings. */
    Outbox outbox();

    /** How the topics inventory owns are created when missing. */
    Topics topics();

    interface Topics {
        /** Partitions per topic: the most instances a consumer group can spread over. */
        @WithDefault("4")
        int partitions();

        /** Copies of each partition; 3 on a production cluster. */
        @WithDefault("1")
        short replicationFactor();
    }

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
