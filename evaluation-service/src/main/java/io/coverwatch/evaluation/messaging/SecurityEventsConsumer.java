package io.coverwatch.evaluation.messaging;

import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.inventory.security}: Defender recommendations and security signals. A record that is not a
 * readable event goes to {@code coverwatch.inventory.security.dlq} with the reason; the stream goes on.
 */
@ApplicationScoped
public class SecurityEventsConsumer {

    private final Inbox inbox;
    private final SecurityEventHandler handler;

    SecurityEventsConsumer(Inbox inbox, SecurityEventHandler handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    @Incoming("inventory-security")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.receive(record, handler::handle);
    }
}
