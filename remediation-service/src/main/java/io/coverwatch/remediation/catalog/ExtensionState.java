package io.coverwatch.remediation.catalog;

import java.util.Objects;

/**
 * An agent extension as inventory last saw it on a machine.
 *
 * @param name              the extension's own name, free text: a reinstall writes to the same name
 * @param provisioningState for example {@code Succeeded} or {@code Failed}
 */
public record ExtensionState(String name, String provisioningState) {

    public ExtensionState {
        Objects.requireNonNull(name, "name");
    }

    public boolean failed() {
        return "Failed".equalsIgnoreCase(provisioningState);
    }
}
