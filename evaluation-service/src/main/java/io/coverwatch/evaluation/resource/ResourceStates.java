package io.coverwatch.evaluation.resource;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.estate.EstateRevision;
import io.coverwatch.evaluation.rules.coverage.CoverageReport;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.TypeCount;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The estate as evaluation knows it: one row per resource, replaced by each newer state. */
@ApplicationScoped
public class ResourceStates {

    /** A resource's state and when evaluation first saw it. */
    public record KnownResource(AzureResource resource, Instant knownSince) {}

    /**
     * A resource's latest state to store.
     *
     * @param knownSince when evaluation first saw it, stored only when the resource is new: a known resource keeps its
     *                   own
     */
    public record Sighting(AzureResource resource, Instant observedAt, Instant knownSince) {

        String key() {
            return AzureResource.normalizeId(resource.id());
        }
    }

    private static final String PUT = "insert into evaluated_resource as r (resource_key, resource_id, resource_type,"
            + " subscription_id, state, observed_at, known_since, azure_local_instance_key, production_tagged)"
            + " select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::jsonb[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::varchar[], ?::boolean[])"
            + " on conflict (resource_key) do update set resource_id = excluded.resource_id,"
            + " resource_type = excluded.resource_type, subscription_id = excluded.subscription_id,"
            + " state = excluded.state, observed_at = excluded.observed_at,"
            + " azure_local_instance_key = excluded.azure_local_instance_key,"
            + " production_tagged = excluded.production_tagged";

    /**
     * Rows per statement: a resource's state is about a kilobyte, and a few hundred keep each array the driver encodes
     * below half a G1 region of a 256 MB heap, where it would become a humongous allocation.
     */
    private static final int ROWS_PER_PUT = 250;

    private final DataSource dataSource;
    private final EstateRevision revision;

    ResourceStates(DataSource dataSource, EstateRevision revision) {
        this.dataSource = dataSource;
        this.revision = revision;
    }

    /**
     * Stores the latest state of each resource, a few hundred rows per statement, in key order (each key at most once).
     * Rows are written with plain SQL, not as entities, so no flush or dirty check runs per resource.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void put(Collection<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return;
        }
        revision.changed();
        List<Sighting> sorted =
                sightings.stream().sorted(Comparator.comparing(Sighting::key)).toList();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PUT)) {
            for (int first = 0; first < sorted.size(); first += ROWS_PER_PUT) {
                List<Sighting> part = sorted.subList(first, Math.min(sorted.size(), first + ROWS_PER_PUT));
                String[][] columns = new String[9][part.size()];
                for (int i = 0; i < part.size(); i++) {
                    Sighting sighting = part.get(i);
                    AzureResource resource = sighting.resource();
                    columns[0][i] = sighting.key();
                    columns[1][i] = resource.id();
                    columns[2][i] = lower(resource.type());
                    columns[3][i] = lower(resource.subscriptionId());
                    columns[4][i] = ContractsJson.toJson(resource);
                    columns[5][i] = sighting.observedAt().toString();
                    columns[6][i] = sighting.knownSince().toString();
                    columns[7][i] = lower(resource.azureLocalInstanceId());
                    columns[8][i] = Boolean.toString(CoverageReport.productionTagged(resource));
                }
                for (int column = 0; column < columns.length; column++) {
                    statement.setArray(column + 1, connection.createArrayOf("varchar", columns[column]));
                }
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store " + sorted.size() + " resources", e);
        }
    }

    /** Forgets deleted resources, with one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(Collection<String> resourceIds) {
        if (!resourceIds.isEmpty()) {
            revision.changed();
            Panache.getEntityManager()
                    .createNativeQuery("delete from evaluated_resource where resource_key in (:keys)")
                    .setParameter(
                            "keys",
                            resourceIds.stream().map(AzureResource::normalizeId).toList())
                    .executeUpdate();
        }
    }

    public Optional<AzureResource> find(String resourceId) {
        return findKnown(resourceId).map(KnownResource::resource);
    }

    public Optional<KnownResource> findKnown(String resourceId) {
        String key = AzureResource.normalizeId(resourceId);
        return Optional.ofNullable(findKnown(List.of(key)).get(key));
    }

    /** The known resources among these keys, by key, read with one statement. */
    public Map<String, KnownResource> findKnown(Collection<String> resourceKeys) {
        Map<String, KnownResource> known = new HashMap<>();
        if (resourceKeys.isEmpty()) {
            return known;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select resource_key, cast(state as text),"
                        + " known_since from evaluated_resource where resource_key = any(?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", resourceKeys.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    known.put(
                            rows.getString(1),
                            new KnownResource(
                                    ContractsJson.fromJson(rows.getString(2), AzureResource.class),
                                    rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + resourceKeys.size() + " resources", e);
        }
        return known;
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

    /**
     * How many resources of each lower-cased ARM type these subscriptions hold, by lower-cased subscription ID, read with
     * one statement; a subscription that holds nothing has none.
     */
    public Map<String, Map<String, Long>> countByType(Collection<String> subscriptionIds) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return counts;
        }
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("select subscription_id, resource_type, resources from resource_count"
                        + " where resources > 0 and subscription_id in (:subscriptions)")
                .setParameter(
                        "subscriptions",
                        subscriptionIds.stream().map(ResourceStates::lower).toList())
                .getResultList();
        rows.stream().map(Object[].class::cast).forEach(row -> counts.computeIfAbsent(
                        (String) row[0], subscription -> new HashMap<>())
                .merge((String) row[1], ((Number) row[2]).longValue(), Long::sum));
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
