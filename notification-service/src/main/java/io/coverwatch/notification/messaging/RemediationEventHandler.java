package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.RemediationEvent;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.alert.Alerts;
import io.coverwatch.notification.intake.NoticeIntake;
import io.coverwatch.notification.intake.RemediationNotices;
import io.coverwatch.notification.subscription.SubscriptionNameStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Handles one remediation event in one transaction, at most once per CloudEvent ID: its notice enters the pipeline. */
@ApplicationScoped
public class RemediationEventHandler {

    private final ProcessedEvents processed;
    private final Alerts alerts;
    private final NoticeIntake intake;
    private final NotificationConfig config;
    private final SubscriptionNameStore names;

    RemediationEventHandler(
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
        if (!(event.data() instanceof RemediationEvent step) || !processed.firstDelivery(event.id())) {
            return;
        }
        RemediationNotices.FindingSummary finding = alerts.find(
                        step.remediation().findingId())
                .map(alert -> new RemediationNotices.FindingSummary(alert.title, alert.severity, alert.resourceType))
                .orElse(null);
        intake.accept(RemediationNotices.of(
                step,
                finding,
                event.time(),
                config.portalUrl(),
                config.consoleUrl(),
                names.nameOf(step.remediation().subscriptionId())));
    }
}
