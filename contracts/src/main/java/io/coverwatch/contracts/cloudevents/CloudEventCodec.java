package io.coverwatch.contracts.cloudevents;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.EventType;
import io.coverwatch.contracts.InstantText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Maps {@link CloudEvent}s to and from Kafka records in CloudEvents 1.0 binary mode. Reading is lenient where
 * evolution needs it (unknown JSON fields are ignored, unknown event types are skipped) and strict elsewhere
 * (missing attributes or unreadable bodies are {@link MalformedEventException}s).
 */
public final class CloudEventCodec {

    private CloudEventCodec() {}

    public static EncodedEvent encode(CloudEvent<?> event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEvent.SPEC_VERSION);
        headers.put(CloudEventHeaders.ID, event.id());
        headers.put(CloudEventHeaders.TYPE, event.type());
        headers.put(CloudEventHeaders.SOURCE, event.source());
        headers.put(CloudEventHeaders.SUBJECT, event.subject());
        headers.put(CloudEventHeaders.TIME, event.time().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new EncodedEvent(event.topic(), event.key(), headers, ContractsJson.toBytes(event.data()));
    }

    /**
     * Reads a Kafka record's headers and body.
     *
     * @return the event, or empty when its {@code ce_type} is one this version does not know (a newer producer's
     *     addition: the consumer skips it)
     * @throws MalformedEventException when the record is not a valid Coverwatch CloudEvent
     */
    public static Optional<CloudEvent<CoverwatchEvent>> decode(Headers headers, byte[] body) {
        // One pass over the headers, the last of a name winning as with lastHeader: a lastHeader per attribute walked
        // the record's headers five times, a few percent of the heartbeat path's CPU (docs/benchmarks.md, throughput).
        byte[] specVersionValue = null;
        byte[] idValue = null;
        byte[] sourceValue = null;
        byte[] timeValue = null;
        byte[] typeValue = null;
        for (Header header : headers) {
            switch (header.key()) {
                case CloudEventHeaders.SPEC_VERSION -> specVersionValue = header.value();
                case CloudEventHeaders.ID -> idValue = header.value();
                case CloudEventHeaders.SOURCE -> sourceValue = header.value();
                case CloudEventHeaders.TIME -> timeValue = header.value();
                case CloudEventHeaders.TYPE -> typeValue = header.value();
                default -> {
                    // other headers (subject, content type, tracing) are not needed to read the event
                }
            }
        }
        String specVersion = required(CloudEventHeaders.SPEC_VERSION, specVersionValue);
        if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("unsupported ce_specversion '" + specVersion + "'");
        }
        String id = required(CloudEventHeaders.ID, idValue);
        String source = required(CloudEventHeaders.SOURCE, sourceValue);
        Instant time = parseTime(required(CloudEventHeaders.TIME, timeValue));
        Optional<EventType> type = EventType.fromType(required(CloudEventHeaders.TYPE, typeValue));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (body == null || body.length == 0) {
            throw new MalformedEventException(type.get().type() + " " + id + " has no body");
        }
        CoverwatchEvent data;
        try {
            data = ContractsJson.fromBytes(body, type.get().payloadClass());
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException(
                    "body of " + type.get().type() + " " + id + " is not readable: " + firstLine(e.getMessage()), e);
        }
        try {
            return Optional.of(new CloudEvent<>(id, source, time, data));
        } catch (RuntimeException e) {
            throw new MalformedEventException(type.get().type() + " " + id + " is incomplete: " + e.getMessage(), e);
        }
    }

    private static String required(String name, byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedEventException("missing header " + name);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static Instant parseTime(String time) {
        try {
            return InstantText.parse(time);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time '" + time + "' is not an RFC 3339 timestamp", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
