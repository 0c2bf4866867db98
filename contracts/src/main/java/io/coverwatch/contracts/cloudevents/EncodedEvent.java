package io.coverwatch.contracts.cloudevents;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A CloudEvent laid out as a Kafka record in binary mode: {@code ce_*} headers and a JSON body.
 *
 * @param headers header name to value, in a stable order
 */
public record EncodedEvent(String topic, String key, Map<String, String> headers, byte[] body) {

    public EncodedEvent {
        headers = Map.copyOf(headers);
    }

    public String id() {
        return headers.get(CloudEventHeaders.ID);
    }

    public Headers kafkaHeaders() {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, value) -> kafkaHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return kafkaHeaders;
    }

    /** The record a plain Kafka producer sends (the services send theirs through the outbox relay). */
    public ProducerRecord<String, byte[]> producerRecord() {
        return new ProducerRecord<>(topic, null, key, body, kafkaHeaders());
    }
}
