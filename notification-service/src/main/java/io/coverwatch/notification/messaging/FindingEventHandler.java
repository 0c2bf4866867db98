package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.alert.Alerts;
import io.coverwatch.notification.intake.FindingNotices;
import io.coverwatch.notification.intake.NoticeIntake;
import io.coverwatch.notification.subscription.SubscriptionNameStore;
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
    private final SubscriptionNameStore names;

    FindingEventHandler(
            ProcessedEvents processed,
            Alerts alerts,
            NoticeIntake intake,
            NotificationConfig config,
            SubscriptionNameStore names) {
        this.processed = processed;
        this.alerts = alerts;
        this.intake = intake;
        this.config = config;
        this.names = names;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!(event.data() instanceof FindingEvent findingEvent) || !processed.firstDelivery(event.id())) {
            return;
        }
        if (FindingNotices.resolves(findingEvent)) {
            if (!alerts.resolve(findingEvent.finding(), event.id(), event.time())) {
                return; // never fired here (or opened excluded): there is nothing to resolve in anyone's channel
            }
        } else {
            alerts.fire(findingEvent.finding(), event.id(), event.time());
        }
        intake.accept(FindingNotices.of(
                findingEvent,
                event.time(),
                config.portalUrl(),
                config.consoleUrl(),
                names.nameOf(findingEvent.finding().subscriptionId())));
    }
}
