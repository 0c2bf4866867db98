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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
     * The subscriptions' rows and their versions: {@code xmin} changes with every update of a row. The type is written
     * into the statement, not bound: a generic plan for a bound type cannot use the partial index
     * {@code evaluated_resource_subscription_idx} (V19) and read every resource instead (396 ms at a million resources
     * against 5 ms from the index, in {@code explain analyze}).
     */
    static final String SUBSCRIPTION_VERSIONS = "select resource_key, cast(xmin as text) from evaluated_resource"
            + " where resource_type = 'microsoft.resources/subscriptions'";

    /** A subscription's details as parsed from its row at a version; null details when the row holds none. */
    private record ParsedSubscription(String version, String subscriptionId, SubscriptionDetails details) {}

    /**
     * The subscriptions parsed so far, by resource key. Coverage needs every subscription's plans for every answer, and
     * parsing a thousand states each time was most of a whole-estate answer (and of one subscription's, which read
     * them all): a row is parsed again only when its version changed, so the answer is as current as the rows.
     */
    private final Map<String, ParsedSubscription> parsed = new ConcurrentHashMap<>();

    /**
     * The subscriptions' details, by lower-cased subscription ID, as their rows hold them now.
     *
     * @param subscriptionId only this subscription; null for all
     */
    public Map<String, SubscriptionDetails> subscriptions(String subscriptionId) {
        Query versionsQuery = Panache.getEntityManager()
                .createNativeQuery(
                        SUBSCRIPTION_VERSIONS + (subscriptionId == null ? "" : " and subscription_id = :subscription"));
        if (subscriptionId != null) {
            versionsQuery.setParameter("subscription", lower(subscriptionId));
        }
        Map<String, String> versions = new HashMap<>();
        for (Object row : versionsQuery.getResultList()) {
            Object[] columns = (Object[]) row;
            versions.put((String) columns[0], (String) columns[1]);
        }
        List<String> stale = versions.entrySet().stream()
                .filter(version -> !Optional.ofNullable(parsed.get(version.getKey()))
                        .map(known -> known.version().equals(version.getValue()))
                        .orElse(false))
                .map(Map.Entry::getKey)
                .toList();
        if (!stale.isEmpty()) {
            for (Object row : Panache.getEntityManager()
                    .createNativeQuery("select resource_key, cast(xmin as text), cast(state as text)"
                            + " from evaluated_resource where resource_key in (:keys)")
                    .setParameter("keys", stale)
                    .getResultList()) {
                Object[] columns = (Object[]) row;
                AzureResource resource = ContractsJson.fromJson((String) columns[2], AzureResource.class);
                parsed.put(
                        (String) columns[0],
                        new ParsedSubscription(
                                (String) columns[1],
                                lower(resource.subscriptionId()),
                                resource.details() instanceof SubscriptionDetails details ? details : null));
            }
        }
        if (subscriptionId == null) {
            parsed.keySet().retainAll(versions.keySet()); // subscriptions gone
        }
        Map<String, SubscriptionDetails> subscriptions = new HashMap<>();
        versions.keySet().stream()
                .map(parsed::get)
                .filter(Objects::nonNull)
                .filter(subscription -> subscription.subscriptionId() != null && subscription.details() != null)
                .forEach(subscription -> subscriptions.put(subscription.subscriptionId(), subscription.details()));
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
