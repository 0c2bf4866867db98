package io.coverwatch.evaluation.resource;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest state of a resource as evaluation received it from inventory. */
@Entity
@Table(name = "evaluated_resource")
public class EvaluatedResource extends PanacheEntityBase {

    /** The lower-cased ARM ID. */
    @Id
    @Column(name = "resource_key")
    public String key;

    @Column(name = "resource_id")
    public String resourceId;

    /** The lower-cased ARM type. */
    @Column(name = "resource_type")
    public String type;

    /** The lower-cased subscription ID. */
    @Column(name = "subscription_id")
    public String subscriptionId;

    /** The {@code AzureResource} record as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String state;

    @Column(name = "observed_at")
    public Instant observedAt;

    /** When evaluation first saw the resource. */
    @Column(name = "known_since")
    public Instant knownSince;

    /** Whether the resource is tagged production ({@code CoverageReport.productionTagged}), for counting coverage. */
    @Column(name = "production_tagged")
    public boolean productionTagged;

    /** The lower-cased ARM ID of the Azure Local instance the resource belongs to; null for most resources. */
    @Column(name = "azure_local_instance_key")
    public String azureLocalInstanceKey;
}
