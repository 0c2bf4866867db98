package io.coverwatch.evaluation.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.evaluation.coverage.CoverageEvaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Handles one resource event in one transaction, at most once per CloudEvent ID. */
@ApplicationScoped
public class ResourceEventHandler {

    private final ProcessedEvents processed;
    private final CoverageEvaluation evaluation;

    ResourceEventHandler(ProcessedEvents processed, CoverageEvaluation evaluation) {
        this.processed = processed;
        this.evaluation = evaluation;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        if (event.data() instanceof ResourceUpserted upserted) {
            evaluation.resourceChanged(upserted.resource(), event.time());
        } else if (event.data() instanceof ResourceDeleted deleted) {
            evaluation.resourceDeleted(deleted.resourceId(), deleted.subscriptionId(), event.time());
        }
    }
}
