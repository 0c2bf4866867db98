package io.coverwatch.evaluation.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.evaluation.verdict.EstateChanges;
import io.coverwatch.evaluation.verdict.EstateChanges.Observed;
import io.coverwatch.inbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Handles a poll's resource events in one transaction, each at most once per CloudEvent ID: one commit, and one
 * evaluation of each resource they affect, for the whole poll.
 */
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
    public void handle(List<CloudEvent<CoverwatchEvent>> events) {
        List<Observed> changes = events.stream()
                .filter(event -> event.data() instanceof ResourceUpserted || event.data() instanceof ResourceDeleted)
                .filter(event -> processed.firstDelivery(event.id()))
                .map(event -> new Observed(event.data(), event.time()))
                .toList();
        if (!changes.isEmpty()) {
            estate.apply(changes, clock.instant());
        }
    }
}
