package io.coverwatch.remediation.controls;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A person closed the circuit breaker of one action in one subscription: earlier failures stop counting. */
@Entity
@Table(name = "breaker_reset")
public class BreakerReset extends PanacheEntityBase {

    /** The breaker: one per subscription and action. */
    @Embeddable
    public record Breaker(
            @Column(name = "subscription_id") String subscriptionId, @Column(name = "action") String action)
            implements Serializable {}

    @EmbeddedId
    public Breaker breaker;

    @Column(name = "reset_at")
    public Instant resetAt;

    @Column(name = "reset_by")
    public String resetBy;
}
