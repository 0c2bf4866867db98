package io.coverwatch.notification.silencestore;

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

    /** The token subject of who made it. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_by_name")
    public String createdByName;

    /** Who expired it before its time; null when nobody did. */
    @Column(name = "expired_by")
    public String expiredBy;

    @Column(name = "expired_by_name")
    public String expiredByName;

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
