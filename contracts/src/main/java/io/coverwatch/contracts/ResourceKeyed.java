package io.coverwatch.contracts;

/** An event about one resource: keyed by its lower-cased ARM ID, with the ID as the CloudEvents subject. */
public sealed interface ResourceKeyed extends CoverwatchEvent
        permits AgentHeartbeat, DefenderAssessment, DefenderSecureScore, SecuritySignal, ResourceDeleted {

    String resourceId();

    @Override
    default String partitionKey() {
        return AzureResource.normalizeId(resourceId());
    }

    @Override
    default String subject() {
        return resourceId();
    }
}
