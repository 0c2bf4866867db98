package io.coverwatch.outbox;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Transactional outbox: an event is written in the same transaction as the state it describes, so it is
 * published if and only if that state commits, even across a crash.
 *
 * <p>Rows are written with plain SQL, as one JDBC batch per call, not as entities: a managed entity per event made
 * Hibernate check every one of them again at each flush of the transaction, and a batch of events cost a statement
 * each. The connection is the transaction's own (the datasource hands Hibernate the same one), so the rows commit or
 * roll back with the state they describe.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (id, topic, event_key, headers, body, created_at)"
            + " values (?, ?, ?, ?::jsonb, ?, ?)";

    private final Event<OutboxCommitted> committed;
    private final Clock clock;
    private final DataSource dataSource;

    Outbox(Event<OutboxCommitted> committed, Clock clock, DataSource dataSource) {
        this.committed = committed;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(CloudEvent<?> event) {
        enqueueAll(List.of(event));
    }

    /** Writes the events with one round trip to the database; they leave in their order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<? extends CloudEvent<?>> events) {
        write(events.stream().map(CloudEventCodec::encode).toList());
    }

    /** A null-valued record for the key, so compaction removes the key from the topic after the delete event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueTombstone(String topic, String key) {
        write(List.of(new EncodedEvent(topic, key, Map.of(), null)));
    }

    /** The rows in the order given, which their {@code seq} keeps for the relay. */
    private void write(List<EncodedEvent> records) {
        if (records.isEmpty()) {
            return;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (EncodedEvent record : records) {
                statement.setObject(1, UUID.randomUUID());
                statement.setString(2, record.topic());
                statement.setString(3, record.key());
                statement.setString(4, ContractsJson.toJson(record.headers()));
                statement.setBytes(5, record.body());
                statement.setObject(6, now);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + records.size() + " events to the outbox", e);
        }
        committed.fire(OutboxCommitted.INSTANCE);
    }

    /** Fired inside the transaction; observed after it commits, to publish without waiting for the next poll. */
    enum OutboxCommitted {
        INSTANCE
    }
}
