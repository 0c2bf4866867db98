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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        List<CloudEvent<CoverwatchEvent>> resourceEvents = events.stream()
                .filter(event -> event.data() instanceof ResourceUpserted || event.data() instanceof ResourceDeleted)
                .toList();
        Set<String> firstDeliveries = new HashSet<>(processed.firstDeliveries(
                resourceEvents.stream().map(CloudEvent::id).toList()));
        // Removed as taken, so an ID that comes twice in one poll is applied once, the first time.
        List<Observed> changes = resourceEvents.stream()
                .filter(event -> firstDeliveries.remove(event.id()))
                .map(event -> new Observed(event.data(), event.time()))
                .toList();
        if (!changes.isEmpty()) {
            estate.apply(changes, clock.instant());
        }
    }
}
