package io.coverwatch.notification.channel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A channel as stored. The URL and the signing secret are secrets: they leave this service only in the HTTP request to
 * the channel itself. A deleted channel stays (with {@code deletedAt}) so its delivery history keeps its name.
 */
@Entity
@Table(name = "channel")
public class ChannelRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public ChannelKind kind;

    /** Sealed ({@code ChannelStore} opens it to send). Never log it, never return it whole. */
    public String url;

    /** HMAC key of a generic webhook, sealed; null for Slack and Teams. Never returned. */
    @Column(name = "signing_secret")
    public String signingSecret;

    @Column(name = "rate_per_second")
    public double ratePerSecond;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Override
    public String toString() {
        return "channel " + name + " (" + id + ")";
    }
}
