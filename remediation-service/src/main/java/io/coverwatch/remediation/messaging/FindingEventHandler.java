package io.coverwatch.remediation.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.FindingChanged;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.remediation.lifecycle.RemediationLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Handles one finding event in one transaction, at most once per CloudEvent ID. */
@ApplicationScoped
public class FindingEventHandler {

    private final ProcessedEvents processed;
    private final RemediationLifecycle lifecycle;

    FindingEventHandler(ProcessedEvents processed, RemediationLifecycle lifecycle) {
        this.processed = processed;
        this.lifecycle = lifecycle;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        if (event.data() instanceof FindingOpened opened) {
            lifecycle.findingOpened(opened.finding(), event.time());
        } else if (event.data() instanceof FindingChanged changed) {
            lifecycle.findingChanged(changed.finding(), event.time());
        } else if (event.data() instanceof FindingResolved resolved) {
            lifecycle.findingResolved(resolved.finding(), event.time());
        }
    }
}
