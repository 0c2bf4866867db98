package io.coverwatch.notification.silences;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A silence as stored; an expired one stays, for the record of who muted what and why. */
@Entity
@Table(name = "silence")
public class SilenceRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    /** A JSON array of matchers in Alertmanager's text form. */
    public String matchers;

    @Column(name = "created_by")
    public String createdBy;

    public String comment;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
