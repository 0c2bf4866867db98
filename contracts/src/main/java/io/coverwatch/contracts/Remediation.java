package io.coverwatch.contracts;

import java.util.Objects;

/**
 * One planned fix for one finding.
 *
 * @param action the remediation action, for example {@code install-ama-extension}
 * @param dryRun true when the action is only described, not carried out
 */
public record Remediation(
        String remediationId,
        String findingId,
        String ruleId,
        String action,
        String resourceId,
        String subscriptionId,
        boolean dryRun) {

    public Remediation {
        Objects.requireNonNull(remediationId, "remediationId");
        Objects.requireNonNull(findingId, "findingId");
        Objects.requireNonNull(resourceId, "resourceId");
    }
}
