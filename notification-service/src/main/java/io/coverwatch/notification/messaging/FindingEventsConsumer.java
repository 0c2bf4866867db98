package io.coverwatch.notification.messaging;

import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.evaluation.findings} a poll at a time, each poll handled in one transaction. A record that is not a readable event goes (through the {@code Inbox})
 * to {@code coverwatch.evaluation.findings.dlq} with the reason; an event the poll cannot be handled with goes there on
 * its own; the stream goes on.
 */
@ApplicationScoped
public class FindingEventsConsumer {

    private final Inbox inbox;
    private final FindingEventHandler handler;

    FindingEventsConsumer(Inbox inbox, FindingEventHandler handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    @Incoming("evaluation-findings")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbox.receiveAll(records, handler::handleAll, handler::handle);
    }
}
