package io.coverwatch.notification.selftest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A canary sent through the pipeline; where it got to is in the delivery log under its delivery key. */
@Entity
@Table(name = "test_alert")
public class TestAlertRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** Who asked: {@code api} or {@code schedule}. */
    @Column(name = "requested_by")
    public String requestedBy;

    /** When the self-test judged it against the deadline; null until then. */
    @Column(name = "judged_at")
    public Instant judgedAt;
}
