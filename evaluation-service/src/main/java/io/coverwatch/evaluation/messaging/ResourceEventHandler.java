package io.coverwatch.evaluation.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.evaluation.verdict.EstateChanges;
import io.coverwatch.inbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Handles one resource event in one transaction, at most once per CloudEvent ID. */
@ApplicationScoped
public class ResourceEventHandler {

    private final ProcessedEvents processed;
    private final EstateChanges estate;
    private final Clock clock;

    ResourceEventHandler(ProcessedEvents processed, EstateChanges estate, Clock clock) {
        this.processed = processed;
        this.estate = estate;
        this.clock = clock;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        if (event.data() instanceof ResourceUpserted upserted) {
            estate.resourceChanged(upserted.resource(), event.time(), clock.instant());
        } else if (event.data() instanceof ResourceDeleted deleted) {
            estate.resourceDeleted(deleted.resourceId(), deleted.subscriptionId(), clock.instant());
        }
    }
}
