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

    /** Heartbeat ingest. */
    Heartbeats heartbeats();

    interface Heartbeats {
        /** The most records one {@code POST /api/heartbeats} may carry; more is refused with 413. */
        @WithDefault("10000")
        int maxBatchRecords();

        /** How far in the future a TimeGenerated may lie (clock skew) before the record is refused. */
        @WithDefault("5m")
        Duration maxClockSkew();

        /** How long a batch waits for the broker's acknowledgement before the request fails with 503. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    /** Defender assessments, secure scores and security signals (Event Hubs, Azure sync, REST, the demo estate). */
    Security security();

    interface Security {
        /** How long a batch waits for the broker's acknowledgement before it fails (and is read again). */
        @WithDefault("30s")
        Duration sendTimeout();

        /** The most records one {@code POST /api/assessments} or {@code /api/security-signals} batch may carry. */
        @WithDefault("5000")
        int maxBatchRecords();
    }
}
