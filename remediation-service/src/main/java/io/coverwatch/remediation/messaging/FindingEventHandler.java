package io.coverwatch.remediation.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.remediation.planning.RemediationPlans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Handles one finding event in one transaction, at most once per CloudEvent ID. */
@ApplicationScoped
public class FindingEventHandler {

    private final ProcessedEvents processed;
    private final RemediationPlans plans;

    FindingEventHandler(ProcessedEvents processed, RemediationPlans plans) {
        this.processed = processed;
        this.plans = plans;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        if (event.data() instanceof FindingOpened opened) {
            plans.findingOpened(opened.finding(), event.time());
        } else if (event.data() instanceof FindingResolved resolved) {
            plans.findingResolved(resolved.finding(), event.time());
        }
    }
}
