package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.FindingChanged;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.notification.alert.Alerts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Handles one finding event in one transaction, at most once per CloudEvent ID. */
@ApplicationScoped
public class FindingEventHandler {

    private final ProcessedEvents processed;
    private final Alerts alerts;

    FindingEventHandler(ProcessedEvents processed, Alerts alerts) {
        this.processed = processed;
        this.alerts = alerts;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        if (event.data() instanceof FindingOpened opened) {
            alerts.fire(opened.finding(), event.id(), event.time());
        } else if (event.data() instanceof FindingChanged changed) {
            alerts.fire(changed.finding(), event.id(), event.time());
        } else if (event.data() instanceof FindingResolved resolved) {
            alerts.resolve(resolved.finding(), event.id(), event.time());
        }
    }
}
