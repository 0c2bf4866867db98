package io.coverwatch.notification.messaging;

import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.inventory.resources} for one thing: subscriptions' display names, which no finding carries.
 * A record that is not a readable event goes (through the {@code Inbox}) to {@code coverwatch.inventory.resources.dlq}
 * with the reason; the stream goes on.
 */
@ApplicationScoped
public class ResourceEventsConsumer {

    private final Inbox inbox;
    private final ResourceEventHandler handler;

    ResourceEventsConsumer(Inbox inbox, ResourceEventHandler handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    @Incoming("inventory-resources")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.receive(record, handler::handle);
    }
}
