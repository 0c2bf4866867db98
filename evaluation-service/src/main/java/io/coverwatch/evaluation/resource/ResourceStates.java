package io.coverwatch.evaluation.resource;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.rules.coverage.CoverageReport;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.TypeCount;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The estate as evaluation knows it: one row per resource, replaced by each newer state. */
@ApplicationScoped
public class ResourceStates {

    /** A resource's state and when evaluation first saw it. */
    public record KnownResource(AzureResource resource, Instant knownSince) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public void put(AzureResource resource, Instant observedAt) {
        String key = AzureResource.normalizeId(resource.id());
        EvaluatedResource row = EvaluatedResource.<EvaluatedResource>findByIdOptional(key)
                .orElseGet(() -> {
                    EvaluatedResource created = new EvaluatedResource();
                    created.key = key;
                    created.knownSince = observedAt;
                    return created;
                });
        row.resourceId = resource.id();
        row.type = lower(resource.type());
        row.subscriptionId = lower(resource.subscriptionId());
        row.state = ContractsJson.toJson(resource);
        row.observedAt = observedAt;
        row.azureLocalInstanceKey = lower(resource.azureLocalInstanceId());
        row.productionTagged = CoverageReport.productionTagged(resource);
        row.persist();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(String resourceId) {
        EvaluatedResource.deleteById(AzureResource.normalizeId(resourceId));
    }

    public Optional<AzureResource> find(String resourceId) {
        return findKnown(resourceId).map(KnownResource::resource);
    }

    public Optional<KnownResource> findKnown(String resourceId) {
        return EvaluatedResource.<EvaluatedResource>findByIdOptional(AzureResource.normalizeId(resourceId))
                .map(row -> new KnownResource(ContractsJson.fromJson(row.state, AzureResource.class), row.knownSince));
    }

    /** The keys of every resource of a subscription (the subscription itself included). */
    public List<String> keysIn(String subscriptionId) {
        return Panache.getEntityManager()
                .createQuery(
                        "select r.key from EvaluatedResource r where r.subscriptionId = :subscription", String.class)
                .setParameter("subscription", lower(subscriptionId))
                .getResultList();
    }

    /** The keys of every resource at or under an ARM ID (a subscription, a resource group or a resource). */
    public List<String> keysUnder(String scope) {
        String key = lower(scope);
        return Panache.getEntityManager()
                .createQuery(
                        "select r.key from EvaluatedResource r where r.key = :scope"
                                + " or r.key like :children escape '!'",
                        String.class)
                .setParameter("scope", key)
                .setParameter(
                        "children", key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%")
                .getResultList();
    }

    /** The keys of the machines, VMs, storage accounts and key vaults that belong to an Azure Local instance. */
    public List<String> membersOf(String azureLocalInstanceId) {
        return Panache.getEntityManager()
                .createQuery(
                        "select r.key from EvaluatedResource r where r.azureLocalInstanceKey = :instance", String.class)
                .setParameter("instance", lower(azureLocalInstanceId))
                .getResultList();
    }

    /** How many resources of each lower-cased ARM type a subscription holds. */
    public Map<String, Long> countByType(String subscriptionId) {
        Map<String, Long> counts = new HashMap<>();
        typeCounts(subscriptionId).forEach(count -> counts.merge(count.resourceType(), count.resources(), Long::sum));
        return counts;
    }

    /**
     * The subscriptions' states. The type is written into the statement, not bound: a generic plan for a bound type
     * cannot use the partial index {@code evaluated_resource_subscription_idx} (V19) and read every resource instead
     * (396 ms at a million resources against 5 ms from the index, in {@code explain analyze}), which was most of a
     * whole-estate coverage answer.
     */
    static final String SUBSCRIPTION_STATES = "select cast(state as text) from evaluated_resource"
            + " where resource_type = 'microsoft.resources/subscriptions'";

    /** Every subscription's details, by lower-cased subscription ID. */
    public Map<String, SubscriptionDetails> subscriptions() {
        Map<String, SubscriptionDetails> subscriptions = new HashMap<>();
        @SuppressWarnings("unchecked")
        Stream<Object> states = Panache.getEntityManager()
                .createNativeQuery(SUBSCRIPTION_STATES)
                .getResultStream();
        states.map(state -> ContractsJson.fromJson((String) state, AzureResource.class))
                .filter(resource ->
                        resource.subscriptionId() != null && resource.details() instanceof SubscriptionDetails)
                .forEach(resource ->
                        subscriptions.put(lower(resource.subscriptionId()), (SubscriptionDetails) resource.details()));
        return subscriptions;
    }

    /**
     * How many resources each subscription holds per ARM type, tagged production or not, from the counters the
     * database keeps as resources come and go (migration V12), so a report over the whole estate reads a few thousand
     * rows, not a million.
     *
     * @param subscriptionId only this subscription; null for all
     */
    public List<TypeCount> typeCounts(String subscriptionId) {
        Query query = Panache.getEntityManager()
                .createNativeQuery("select subscription_id, resource_type, production_tagged, resources"
                        + " from resource_count where resources > 0"
                        + (subscriptionId == null ? "" : " and subscription_id = :subscription"));
        if (subscriptionId != null) {
            query.setParameter("subscription", lower(subscriptionId));
        }
        List<?> rows = query.getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new TypeCount(
                        (String) row[0], (String) row[1], (Boolean) row[2], ((Number) row[3]).longValue()))
                .toList();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
