package io.coverwatch.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Where the console finds the four services' APIs, and how long it waits for them. */
@ConfigMapping(prefix = "coverwatch.console")
public interface ConsoleConfig {

    /** inventory-service's API, for example {@code http://inventory-service:8081}. */
    URI inventoryUrl();

    /** evaluation-service's API. */
    URI evaluationUrl();

    /** remediation-service's API. */
    URI remediationUrl();

    /** notification-service's API. */
    URI notificationUrl();

    /** How long one API call may take before its part of the page says the service did not answer. */
    @WithDefault("5s")
    Duration callTimeout();

    /** The Azure portal links go to (a sovereign cloud has its own). */
    @WithDefault("https://portal.azure.com")
    URI azurePortal();
}
