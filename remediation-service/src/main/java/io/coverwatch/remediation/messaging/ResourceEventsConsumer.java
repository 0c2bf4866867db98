package io.coverwatch.remediation.messaging;

import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.inventory.resources}. Tombstones (compaction markers after a delete event) carry nothing and
 * are skipped; a record that is not a readable event goes to {@code coverwatch.inventory.resources.dlq} with its
 * reason.
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
        if (record.value() == null) {
            return;
        }
        inbox.receive(record, handler::handle);
    }
}
