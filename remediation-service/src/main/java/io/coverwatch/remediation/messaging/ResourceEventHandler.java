package io.coverwatch.remediation.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.remediation.lifecycle.RemediationLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Keeps inventory's view of each resource, which plans are made from; a deletion cancels what waits to change it. */
@ApplicationScoped
public class ResourceEventHandler {

    private final ProcessedEvents processed;
    private final RemediationLifecycle lifecycle;

    ResourceEventHandler(ProcessedEvents processed, RemediationLifecycle lifecycle) {
        this.processed = processed;
        this.lifecycle = lifecycle;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        if (event.data() instanceof ResourceUpserted upserted) {
            lifecycle.resourceDescribed(upserted.resource(), event.time());
        } else if (event.data() instanceof ResourceDeleted deleted) {
            lifecycle.resourceDeleted(deleted.resourceId(), event.time());
        }
    }
}
