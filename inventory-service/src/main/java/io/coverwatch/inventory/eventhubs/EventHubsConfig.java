package io.coverwatch.inventory.eventhubs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Azure Event Hubs streams inventory reads ({@code coverwatch.inventory.eventhubs.*}). */
@ConfigMapping(prefix = "coverwatch.inventory.eventhubs")
public interface EventHubsConfig {

    /** Read the hubs below. Off by default: it needs a namespace and an identity allowed to read it. */
    @WithDefault("false")
    boolean enabled();

    /** The namespace, for example {@code contoso-soc.servicebus.windows.net}. */
    Optional<String> namespace();

    /** The consumer group Coverwatch reads with. */
    @WithDefault("$Default")
    String consumerGroup();

    /** The hub Log Analytics data export fills with the Heartbeat table ({@code am-heartbeat} unless renamed). */
    Optional<String> heartbeatHub();

    /** The hub the subscription's Activity Log diagnostic setting streams to. */
    Optional<String> activityLogHub();
}
