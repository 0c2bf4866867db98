package io.coverwatch.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One message to one channel, from the moment it is decided until it is delivered or parked. Unique on delivery key,
 * channel and part, so deciding the same message twice (a re-delivered event, a second instance) stores it once.
 *
 * <p>Updated column by column ({@code @DynamicUpdate}): a claim and a recorded attempt change the message's state, never
 * its body, and a group's message can be megabytes (an outage's thousand notices on a webhook). Updated whole, every
 * claim and every recorded attempt sent the body back, and PostgreSQL compressed and stored it again out of line; in
 * the detection bench's outage a message's claim and record took about 160 ms (docs/benchmarks.md, detection).
 */
@Entity
@DynamicUpdate
@Table(name = "delivery")
public class DeliveryRecord extends PanacheEntityBase {

    @Id
    public Long id;

    /** Stable for the same decision: routing's group flush, or the event or test alert that caused it. */
    @Column(name = "delivery_key")
    public String deliveryKey;

    @Column(name = "channel_id")
    public UUID channelId;

    /** Which message of a group rendered as several (0 for the first). */
    public int part;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "claim_token")
    public UUID claimToken;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_http_status")
    public Integer lastHttpStatus;

    /** The rendered message, sent as is by every attempt and every re-drive. */
    public String body;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
