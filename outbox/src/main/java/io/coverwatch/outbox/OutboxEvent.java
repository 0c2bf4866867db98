package io.coverwatch.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An encoded CloudEvent committed with the change it describes and not yet acknowledged by the broker. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    public String topic;

    @Column(name = "event_key")
    public String key;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> headers;

    public byte[] body;

    @Column(name = "created_at")
    public Instant createdAt;
}
