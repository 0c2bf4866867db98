package io.coverwatch.notification.alert;

import io.coverwatch.contracts.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The alert for one finding, as notification last heard of it. */
@Entity
@Table(name = "alert")
public class AlertRecord extends PanacheEntityBase {

    @Id
    @Column(name = "finding_id")
    public String findingId;

    @Column(name = "rule_id")
    public String ruleId;

    public String title;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "resource_type")
    public String resourceType;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Enumerated(EnumType.STRING)
    public AlertState state;

    public String diagnosis;

    public String remediation;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    /** The CloudEvent that last changed this alert, for tracing a notice back to its finding event. */
    @Column(name = "last_event_id")
    public String lastEventId;
}
