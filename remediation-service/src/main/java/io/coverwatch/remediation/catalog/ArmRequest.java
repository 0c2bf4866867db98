package io.coverwatch.remediation.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * Exactly what the executor sends to Azure Resource Manager, and what a dry run reports.
 *
 * @param path             the ARM path with its api-version query, for example
 *                         {@code /subscriptions/…/providers/Microsoft.Security/pricings/VirtualMachines?api-version=2024-01-01}
 * @param protectedSetting a secret the executor adds to the body; null when none
 */
public record ArmRequest(String method, String path, JsonBody body, ProtectedSetting protectedSetting) {

    public ArmRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }

    public static ArmRequest put(String path, JsonBody body) {
        return new ArmRequest("PUT", path, body, null);
    }

    public Optional<ProtectedSetting> secret() {
        return Optional.ofNullable(protectedSetting);
    }

    /** One line, as the audit trail and a dry run show it. */
    public String describe() {
        return method + " " + path + " " + body.text()
                + secret().map(s -> " (+ protectedSettings." + s.name() + " from GET " + s.sourcePath() + ")")
                        .orElse("");
    }
}
