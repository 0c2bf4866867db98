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

    /**
     * The hub Log Analytics data export fills with the Heartbeat table ({@code am-heartbeat} unless the rule names a
     * hub). Rows are told apart by their {@code Type} column, so it may carry {@code SecurityEvent} rows too.
     */
    Optional<String> heartbeatHub();

    /**
     * The hub Log Analytics data export fills with the SecurityEvent table ({@code am-securityevent} unless the rule
     * names a hub); the same name as {@link #heartbeatHub()} when one rule sends both tables to one hub.
     */
    Optional<String> securityEventHub();

    /** The hub Defender for Cloud continuous export streams security alerts and recommendations to. */
    Optional<String> defenderHub();

    /** The hub the subscription's Activity Log diagnostic setting streams to. */
    Optional<String> activityLogHub();
}
