package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code coverwatch.remediation.events}. A record that is not a readable event throws, and the channel's
 * dead-letter strategy moves it to {@code coverwatch.remediation.events.dlq} with the reason; the stream goes on.
 */
@ApplicationScoped
public class RemediationEventsConsumer {

    private final RemediationEventHandler handler;

    RemediationEventsConsumer(RemediationEventHandler handler) {
        this.handler = handler;
    }

    @Incoming("remediation-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        CloudEventCodec.decode(record.headers(), record.value()).ifPresent(handler::handle);
    }
}
