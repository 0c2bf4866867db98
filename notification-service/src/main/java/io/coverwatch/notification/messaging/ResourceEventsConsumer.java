package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.inventory.resources} for one thing: subscriptions' display names, which no finding carries.
 * A record that is not a readable event throws, and the channel's dead-letter strategy moves it to
 * {@code coverwatch.inventory.resources.dlq} with the reason; the stream goes on.
 */
@ApplicationScoped
public class ResourceEventsConsumer {

    private final ResourceEventHandler handler;

    ResourceEventsConsumer(ResourceEventHandler handler) {
        this.handler = handler;
    }

    @Incoming("inventory-resources")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        CloudEventCodec.decode(record.headers(), record.value()).ifPresent(handler::handle);
    }
}
