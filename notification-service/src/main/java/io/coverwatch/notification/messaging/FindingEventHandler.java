package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.alert.Alerts;
import io.coverwatch.notification.intake.FindingNotices;
import io.coverwatch.notification.intake.NoticeIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Handles one finding event in one transaction, at most once per CloudEvent ID: the alert changes and its notice
 * enters the pipeline together, or neither does.
 */
@ApplicationScoped
public class FindingEventHandler {

    private final ProcessedEvents processed;
    private final Alerts alerts;
    private final NoticeIntake intake;
    private final NotificationConfig config;

    FindingEventHandler(ProcessedEvents processed, Alerts alerts, NoticeIntake intake, NotificationConfig config) {
        this.processed = processed;
        this.alerts = alerts;
        this.intake = intake;
        this.config = config;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!(event.data() instanceof FindingEvent findingEvent) || !processed.firstDelivery(event.id())) {
            return;
        }
        if (findingEvent instanceof FindingResolved) {
            if (!alerts.resolve(findingEvent.finding(), event.id(), event.time())) {
                return; // never fired here: there is nothing to resolve in anyone's channel
            }
        } else {
            alerts.fire(findingEvent.finding(), event.id(), event.time());
        }
        FindingNotices.of(findingEvent, event.time(), config.portalUrl()).ifPresent(notice -> intake.accept(notice));
    }
}
