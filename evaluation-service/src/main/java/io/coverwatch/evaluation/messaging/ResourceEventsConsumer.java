package io.coverwatch.evaluation.messaging;

import io.coverwatch.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.inventory.resources} a poll at a time, each poll handled in one transaction. A record that is
 * not a readable event goes (through the {@code Inbox}) to {@code coverwatch.inventory.resources.dlq} with the reason;
 * an event the poll cannot be handled with goes there on its own; the stream goes on.
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
    public void consume(ConsumerRecords<String, byte[]> records) {
        // A compaction tombstone carries nothing: the ResourceDeleted event before it carried the deletion.
        List<ConsumerRecord<String, byte[]>> events = new ArrayList<>(records.count());
        records.forEach(record -> {
            if (record.value() != null) {
                events.add(record);
            }
        });
        inbox.receiveAll(events, handler::handle, event -> handler.handle(List.of(event)));
    }
}
