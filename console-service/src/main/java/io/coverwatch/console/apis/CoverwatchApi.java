package io.coverwatch.console.apis;

import io.coverwatch.console.ConsoleConfig;
import java.net.URI;

/** The four services whose APIs the console reads, by the name a page shows when one does not answer. */
public enum CoverwatchApi {
    INVENTORY("inventory-service"),
    EVALUATION("evaluation-service"),
    REMEDIATION("remediation-service"),
    NOTIFICATION("notification-service");

    private final String serviceName;

    CoverwatchApi(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }

    URI baseUrl(ConsoleConfig config) {
        return switch (this) {
            case INVENTORY -> config.inventoryUrl();
            case EVALUATION -> config.evaluationUrl();
            case REMEDIATION -> config.remediationUrl();
            case NOTIFICATION -> config.notificationUrl();
        };
    }
}
