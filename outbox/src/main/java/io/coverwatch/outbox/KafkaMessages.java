package io.coverwatch.outbox;

import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** An encoded CloudEvent as an outgoing Kafka message: its topic, key and {@code ce_*} headers travel as metadata. */
final class KafkaMessages {

    private KafkaMessages() {}

    static Message<byte[]> of(EncodedEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.key())
                .withHeaders(event.kafkaHeaders())
                .build();
        return Message.of(event.body(), Metadata.of(metadata));
    }

    /** A record without a value: on a compacted topic, it removes the key. */
    static Message<byte[]> tombstone(String topic, String key) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        return Message.of(null, Metadata.of(metadata));
    }
}
