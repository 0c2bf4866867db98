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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** The resources as last seen, and the single place that decides whether a sighting is a change. */
@ApplicationScoped
public class ResourceInventory {

    private final Outbox outbox;
    private final ResourceRows rows;
    private final InventoryConfig config;
    private final Clock clock;

    ResourceInventory(Outbox outbox, ResourceRows rows, InventoryConfig config, Clock clock) {
        this.outbox = outbox;
        this.rows = rows;
        this.config = config;
        this.clock = clock;
    }

    /** A resource as a source reported it, with the source's own payload (kept for the detail view) or null. */
    public record Report(AzureResource resource, String rawPayload) {}

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
        return recordAll(List.of(new Report(resource, rawPayload)), origin, (sighting, stored) -> sighting)
                        .get(0)
                != Sighting.UNCHANGED;
    }

    /**
     * Records sightings in one transaction, in their order, each as {@link #record(AzureResource, String, String)}
     * does: all are stored and published or none, and a resource named twice ends as its later sighting left it, its
     * events in that order. Decides each sighting against the row as the earlier ones left it, in memory, and then
     * writes the batch with a fixed number of statements: the locks, the stored rows, the rows written and the
     * outbox's events. Per resource that leaves the work that is its own: its JSON (written once: the bytes hashed are
     * the state stored) and its hash.
     *
     * @param answer called right after each sighting, inside the transaction, with the resource as that sighting left
     *     it (a later sighting of the same resource changes the same object again), not attached to the persistence
     *     context
     * @return the answers, in the sightings' order
     */
    @Transactional
    public <T> List<T> recordAll(List<Report> reports, String origin, BiFunction<Sighting, StoredResource, T> answer) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        List<String> keys = reports.stream()
                .map(report -> AzureResource.normalizeId(report.resource().id()))
                .distinct()
                .sorted()
                .toList();
        // Two batches naming the same resources in different orders would each hold a lock the other waits for;
        // taken in one order up front, the later batch waits for the whole earlier one instead. The locks also make
        // two first sightings arriving at once (two API calls, an API call and a sync) an insert and an update,
        // never two inserts of one key.
        rows.lock(keys);
        Map<String, StoredResource> current = rows.find(keys);
        List<CloudEvent<?>> events = new ArrayList<>();
        List<T> answers = new ArrayList<>(reports.size());
        for (Report report : reports) {
            AzureResource resource = report.resource();
            byte[] state = ContractsJson.toBytes(resource);
            String hash = ContentHash.of(state);
            String key = AzureResource.normalizeId(resource.id());
            StoredResource stored = current.get(key);
            Sighting sighting;
            if (stored != null && stored.contentHash.equals(hash)) {
                sighting = Sighting.UNCHANGED;
                stored.lastSeen = now;
                if (report.rawPayload() != null) {
                    stored.rawPayload = report.rawPayload();
                }
            } else {
                sighting = stored == null ? Sighting.CREATED : Sighting.CHANGED;
                if (stored == null) {
                    stored = new StoredResource();
                    stored.key = key;
                    current.put(key, stored);
                }
                stored.resourceId = resource.id();
                stored.type = resource.type();
                stored.subscriptionId = resource.subscriptionId();
                stored.name = resource.name();
                stored.state = new String(state, StandardCharsets.UTF_8);
                stored.rawPayload = report.rawPayload();
                stored.contentHash = hash;
                stored.origin = origin;
                stored.lastChanged = now;
                stored.lastSeen = now;
                events.add(new CloudEvent<>(
                        UUID.randomUUID().toString(),
                        config.eventSource() + "/" + origin,
                        now,
                        new ResourceUpserted(resource, hash)));
            }
            answers.add(answer.apply(sighting, stored));
        }
        // Every resource of the batch was seen, so every one's row is written, in the order the locks were taken.
        rows.write(keys.stream().map(current::get).toList());
        outbox.enqueueAll(events);
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
        rows.lock(List.of(AzureResource.normalizeId(resourceId)));
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
