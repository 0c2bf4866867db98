package io.coverwatch.contracts.cloudevents;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for plain clients. Returns null for tombstones and for event types this version does not
 * know; throws {@link MalformedEventException} for anything unreadable.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent<CoverwatchEvent>> {

    @Override
    public CloudEvent<CoverwatchEvent> deserialize(String topic, byte[] body) {
        throw new UnsupportedOperationException("CloudEvents binary mode needs record headers");
    }

    @Override
    public CloudEvent<CoverwatchEvent> deserialize(String topic, Headers headers, byte[] body) {
        if (body == null) {
            return null;
        }
        return CloudEventCodec.decode(headers, body).orElse(null);
    }
}
