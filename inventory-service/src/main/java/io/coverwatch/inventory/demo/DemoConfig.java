package io.coverwatch.inventory.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The demo estate ({@code coverwatch.inventory.demo.*}): the embedded estate used when no Azure is configured. */
@ConfigMapping(prefix = "coverwatch.inventory.demo")
public interface DemoConfig {

    /**
     * Whether inventory loads the demo estate at startup, publishes its heartbeats and accepts scenarios and
     * remediation actions for it. On by default: the Azure source switches it off once it has credentials.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where the estate is read from: {@code classpath:<path>} for a resource on the classpath (the rich default that
     * ships, {@code classpath:demo/estate.json}), anything else is a file path. The format is described in
     * {@code demo/README.md} next to the default.
     */
    @WithDefault("classpath:demo/estate.json")
    String estate();

    /**
     * How often every running machine whose agent is running sends a heartbeat (and, when it collects them, a Windows
     * security event). 60 s is the real Azure Monitor Agent cadence; tests shorten it.
     */
    @WithDefault("60s")
    Duration heartbeatInterval();
}
