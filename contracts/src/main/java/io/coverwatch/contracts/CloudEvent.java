package io.coverwatch.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 envelope around a Coverwatch event. {@code id} is chosen by the producer and is stable for
 * the same fact, so consumers can deduplicate re-deliveries by it.
 *
 * @param id     unique per fact; re-sending the same fact reuses it
 * @param source the producing service and origin, for example {@code /coverwatch/inventory-service/demo}
 * @param time   when the fact was observed
 * @param data   the payload; its class decides {@code type}, {@code subject} and the Kafka key
 */
public record CloudEvent<T extends CoverwatchEvent>(String id, String source, Instant time, T data) {

    public static final String SPEC_VERSION = "1.0";

    public CloudEvent {
        requireText(id, "id");
        requireText(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    public String type() {
        return data.eventType().type();
    }

    public String subject() {
        return data.subject();
    }

    public String key() {
        return data.partitionKey();
    }

    public String topic() {
        return data.eventType().topic();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent " + name + " must not be blank");
        }
    }
}
