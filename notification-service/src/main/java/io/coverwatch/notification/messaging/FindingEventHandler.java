package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.alert.Alerts;
import io.coverwatch.notification.intake.FindingNotices;
import io.coverwatch.notification.intake.NoticeIntake;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.subscription.SubscriptionNameStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handles finding events, one or a poll's in one transaction, at most once per CloudEvent ID: the alert changes and
 * its notice enters the pipeline together, or neither does.
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
        noticeOf(event).ifPresent(intake::accept);
    }

    /**
     * Handles a poll's events in one transaction, each at most once: a burst of findings (a thousand agents silenced by
     * one outage) joins each group once, not once per finding.
     */
    @Transactional
    public void handleAll(List<CloudEvent<CoverwatchEvent>> events) {
        List<Notice> notices = new ArrayList<>(events.size());
        for (CloudEvent<CoverwatchEvent> event : events) {
            noticeOf(event).ifPresent(notices::add);
        }
        intake.acceptAll(notices);
    }

    /** Records the event's alert change; the notice it makes, if there is anything to tell. */
    private Optional<Notice> noticeOf(CloudEvent<CoverwatchEvent> event) {
        if (!(event.data() instanceof FindingEvent findingEvent) || !processed.firstDelivery(event.id())) {
            return Optional.empty();
        }
        if (FindingNotices.resolves(findingEvent)) {
            if (!alerts.resolve(findingEvent.finding(), event.id(), event.time())) {
                return Optional.empty(); // never fired here (or opened excluded): nothing to resolve in any channel
            }
        } else {
            alerts.fire(findingEvent.finding(), event.id(), event.time());
        }
        return Optional.of(FindingNotices.of(
                findingEvent,
                event.time(),
                config.portalUrl(),
                config.consoleUrl(),
                names.nameOf(findingEvent.finding().subscriptionId())));
    }
}
