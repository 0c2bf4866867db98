package io.coverwatch.remediation.safety;

import io.coverwatch.remediation.catalog.RemediationAction;
import java.util.Objects;

/** How one action is treated within one scope. */
public record RemediationPolicy(PolicyScope scope, RemediationAction action, PolicyMode mode) {
    public RemediationPolicy {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mode, "mode");
    }
}
