package io.coverwatch.inventory.resource;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.Topics;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.outbox.Outbox;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** The resources as last seen, and the single place that decides whether a sighting is a change. */
@ApplicationScoped
public class ResourceInventory {

    private final Outbox outbox;
    private final InventoryConfig config;
    private final Clock clock;

    ResourceInventory(Outbox outbox, InventoryConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Records a sighting of a resource. Publishes {@link ResourceUpserted} (through the outbox, so it leaves only
     * once the row is committed) when the state differs from the last one seen.
     *
     * @param origin where the sighting came from: api, demo, azure-rm or event-hubs
     * @return true when the resource was new or changed
     */
    @Transactional
    public boolean record(AzureResource resource, String origin) {
        return record(resource, origin, null);
    }

    /**
     * Records a sighting with the payload its source sent, kept for the detail view.
     *
     * @param rawPayload the source's JSON, or null
     */
    @Transactional
    public boolean record(AzureResource resource, String origin, String rawPayload) {
        return recordSighting(resource, origin, rawPayload) != Sighting.UNCHANGED;
    }

    /**
     * Records a sighting as {@link #record(AzureResource, String, String)} does, telling a new resource from a
     * changed one.
     */
    @Transactional
    public Sighting recordSighting(AzureResource resource, String origin, String rawPayload) {
        Instant now = clock.instant();
        String hash = ContentHash.of(resource);
        String key = AzureResource.normalizeId(resource.id());
        lock(key);
        StoredResource stored = StoredResource.findById(key);
        if (stored != null && stored.contentHash.equals(hash)) {
            stored.lastSeen = now;
            if (rawPayload != null) {
                stored.rawPayload = rawPayload;
            }
            return Sighting.UNCHANGED;
        }
        Sighting sighting = stored == null ? Sighting.CREATED : Sighting.CHANGED;
        if (stored == null) {
            stored = new StoredResource();
            stored.key = key;
        }
        stored.resourceId = resource.id();
        stored.type = resource.type();
        stored.subscriptionId = resource.subscriptionId();
        stored.name = resource.name();
        stored.state = ContractsJson.toJson(resource);
        stored.rawPayload = rawPayload;
        stored.contentHash = hash;
        stored.origin = origin;
        stored.lastChanged = now;
        stored.lastSeen = now;
        stored.persist();
        outbox.enqueue(new CloudEvent<>(
                UUID.randomUUID().toString(),
                config.eventSource() + "/" + origin,
                now,
                new ResourceUpserted(resource, hash)));
        return sighting;
    }

    /**
     * Records sightings in one transaction, in their order, each as {@link #recordSighting} does: all are stored and
     * published or none, and a resource named twice ends as its later sighting left it, its events in that order.
     *
     * @param answer called right after each sighting, inside the transaction, with the resource as that sighting left
     *     it (a later sighting of the same resource changes the stored entity again)
     * @return the answers, in the sightings' order
     */
    @Transactional
    public <T> List<T> recordAll(
            List<AzureResource> resources, String origin, BiFunction<Sighting, StoredResource, T> answer) {
        // Two batches naming the same resources in different orders would each hold a lock the other waits for;
        // taken in one order up front, the later batch waits for the whole earlier one instead.
        resources.stream()
                .map(resource -> AzureResource.normalizeId(resource.id()))
                .distinct()
                .sorted()
                .forEach(ResourceInventory::lock);
        List<T> answers = new ArrayList<>(resources.size());
        for (AzureResource resource : resources) {
            Sighting sighting = recordSighting(resource, origin, null);
            answers.add(answer.apply(sighting, find(resource.id()).orElseThrow()));
        }
        return answers;
    }

    /**
     * Forgets a resource its source no longer has: publishes {@link ResourceDeleted}, then a tombstone so the
     * compacted topic drops the key.
     *
     * @return false when the resource was not known
     */
    @Transactional
    public boolean remove(String resourceId, String origin) {
        lock(AzureResource.normalizeId(resourceId));
        Optional<StoredResource> stored = find(resourceId);
        stored.ifPresent(resource -> {
            resource.delete();
            outbox.enqueue(new CloudEvent<>(
                    UUID.randomUUID().toString(),
                    config.eventSource() + "/" + origin,
                    clock.instant(),
                    new ResourceDeleted(resource.resourceId, resource.type, resource.subscriptionId)));
            outbox.enqueueTombstone(Topics.RESOURCES, resource.key);
        });
        return stored.isPresent();
    }

    /**
     * Serialises the writers of one resource until their transactions end, so that two first sightings arriving at
     * once (two API calls, an API call and a sync) become an insert and an update, never two inserts of one key.
     */
    private static void lock(String key) {
        StoredResource.getEntityManager()
                .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", key)
                .getSingleResult();
    }

    public Optional<StoredResource> find(String resourceId) {
        return StoredResource.findByIdOptional(AzureResource.normalizeId(resourceId));
    }

    /** Resources matching the filter, ordered by ID. */
    public List<StoredResource> list(ResourceFilter filter, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.subscriptionId() != null) {
            query.append(" and lower(subscriptionId) = lower(:subscription)");
            parameters.and("subscription", filter.subscriptionId());
        }
        if (filter.type() != null) {
            query.append(" and lower(type) = lower(:type)");
            parameters.and("type", filter.type());
        }
        if (filter.origin() != null) {
            query.append(" and origin = :origin");
            parameters.and("origin", filter.origin());
        }
        if (filter.text() != null) {
            query.append(" and (lower(name) like :text or key like :text)");
            parameters.and("text", "%" + filter.text().toLowerCase(Locale.ROOT) + "%");
        }
        if (filter.tag() != null) {
            String[] tag = filter.tag().split("=", 2);
            query.append(
                    tag.length == 2
                            ? " and function('jsonb_extract_path_text', state, 'tags', :tagKey) = :tagValue"
                            : " and function('jsonb_extract_path_text', state, 'tags', :tagKey) is not null");
            parameters.and("tagKey", tag[0]);
            if (tag.length == 2) {
                parameters.and("tagValue", tag[1]);
            }
        }
        return StoredResource.find(query.toString(), Sort.by("key"), parameters)
                .page(Page.of(page, size))
                .list();
    }
}
