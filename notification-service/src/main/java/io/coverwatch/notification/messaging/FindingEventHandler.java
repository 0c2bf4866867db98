package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.alert.AlertRecord;
import io.coverwatch.notification.alert.Alerts;
import io.coverwatch.notification.intake.FindingNotices;
import io.coverwatch.notification.intake.NoticeIntake;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.subscription.SubscriptionNameStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        handleAll(List.of(event));
    }

    /**
     * Handles a poll's events in one transaction, each at most once: a burst of findings (a thousand agents silenced by
     * one outage) joins each group once, not once per finding, and reads what the notices need (first deliveries, the
     * alerts, the subscriptions' names) once per poll. Read per finding, they cost about 10 ms a finding against a
     * loaded database, and an outage's thousand findings reached their groups over ten seconds (docs/benchmarks.md,
     * detection run 18).
     */
    @Transactional
    public void handleAll(List<CloudEvent<CoverwatchEvent>> events) {
        Set<String> first = new HashSet<>(processed.firstDeliveries(events.stream()
                .filter(event -> event.data() instanceof FindingEvent)
                .map(CloudEvent::id)
                .distinct()
                .toList()));
        // Each event at most once, also when a poll holds it twice.
        List<Received> received = new ArrayList<>();
        for (CloudEvent<CoverwatchEvent> event : events) {
            if (event.data() instanceof FindingEvent findingEvent && first.remove(event.id())) {
                received.add(new Received(event, findingEvent));
            }
        }
        if (received.isEmpty()) {
            return;
        }
        Map<String, AlertRecord> loaded = alerts.load(received.stream()
                .map(one -> one.findingEvent().finding().findingId())
                .toList());
        Map<String, String> subscriptionNames = names.namesOf(received.stream()
                .map(one -> one.findingEvent().finding().subscriptionId())
                .toList());
        List<Notice> notices = new ArrayList<>(received.size());
        received.forEach(one -> noticeOf(one, loaded, subscriptionNames).ifPresent(notices::add));
        intake.acceptAll(notices);
    }

    /** A finding event of the poll, delivered for the first time. */
    private record Received(CloudEvent<CoverwatchEvent> event, FindingEvent findingEvent) {}

    /** Records the event's alert change; the notice it makes, if there is anything to tell. */
    private Optional<Notice> noticeOf(
            Received received, Map<String, AlertRecord> loaded, Map<String, String> subscriptionNames) {
        CloudEvent<CoverwatchEvent> event = received.event();
        FindingEvent findingEvent = received.findingEvent();
        if (FindingNotices.resolves(findingEvent)) {
            if (!alerts.resolve(loaded, findingEvent.finding(), event.id(), event.time())) {
                return Optional.empty(); // never fired here (or opened excluded): nothing to resolve in any channel
            }
        } else {
            alerts.fire(loaded, findingEvent.finding(), event.id(), event.time());
        }
        return Optional.of(FindingNotices.of(
                findingEvent,
                event.time(),
                config.portalUrl(),
                config.consoleUrl(),
                Optional.ofNullable(subscriptionNames.get(findingEvent.finding().subscriptionId()))));
    }
}
