package io.coverwatch.contracts.cloudevents;

import io.coverwatch.contracts.CloudEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for plain clients: writes the {@code ce_*} headers and returns the JSON body. */
public class CloudEventSerializer implements Serializer<CloudEvent<?>> {

    @Override
    public byte[] serialize(String topic, CloudEvent<?> event) {
        throw new UnsupportedOperationException("CloudEvents binary mode needs record headers");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, CloudEvent<?> event) {
        if (event == null) {
            return null;
        }
        EncodedEvent encoded = CloudEventCodec.encode(event);
        encoded.kafkaHeaders().forEach(headers::add);
        return encoded.body();
    }
}
