package io.coverwatch.contracts;

/** A step in a remediation's life. Keyed by finding ID, so it stays in order with the finding it fixes. */
public sealed interface RemediationEvent extends CoverwatchEvent
        permits RemediationPlanned,
                RemediationAwaitingApproval,
                RemediationExecuted,
                RemediationVerified,
                RemediationFailed,
                RemediationEscalated,
                RemediationApproved,
                RemediationRejected,
                RemediationRefused,
                RemediationCancelled {

    Remediation remediation();

    @Override
    default String partitionKey() {
        return remediation().findingId();
    }

    @Override
    default String subject() {
        return remediation().resourceId();
    }
}
