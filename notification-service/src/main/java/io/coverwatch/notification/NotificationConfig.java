package io.coverwatch.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of notification-service ({@code coverwatch.notification.*}). */
@ConfigMapping(prefix = "coverwatch.notification")
public interface NotificationConfig {

    /** The Azure portal every resource link points into; sovereign clouds have their own. */
    @WithDefault("https://portal.azure.com")
    String portalUrl();
}
