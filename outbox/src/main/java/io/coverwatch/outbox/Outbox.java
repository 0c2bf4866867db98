package io.coverwatch.outbox;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Transactional outbox: an event is written in the same transaction as the state it describes, so it is
 * published if and only if that state commits, even across a crash.
 */
@ApplicationScoped
public class Outbox {

    private final Event<OutboxCommitted> committed;
    private final Clock clock;

    Outbox(Event<OutboxCommitted> committed, Clock clock) {
        this.committed = committed;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(CloudEvent<?> event) {
        EncodedEvent encoded = CloudEventCodec.encode(event);
        write(encoded.topic(), encoded.key(), encoded.headers(), encoded.body());
    }

    /** A null-valued record for the key, so compaction removes the key from the topic after the delete event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueTombstone(String topic, String key) {
        write(topic, key, Map.of(), null);
    }

    private void write(String topic, String key, Map<String, String> headers, byte[] body) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.topic = topic;
        row.key = key;
        row.headers = headers;
        row.body = body;
        row.createdAt = clock.instant();
        row.persist();
        committed.fire(OutboxCommitted.INSTANCE);
    }

    /** Fired inside the transaction; observed after it commits, to publish without waiting for the next poll. */
    enum OutboxCommitted {
        INSTANCE
    }
}
