package io.coverwatch.remediation.messaging;

import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.evaluation.findings}. A record that is not a readable event goes (through the {@code Inbox})
 * to {@code coverwatch.evaluation.findings.dlq} with the reason; the stream goes on.
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
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.receive(record, handler::handle);
    }
}
