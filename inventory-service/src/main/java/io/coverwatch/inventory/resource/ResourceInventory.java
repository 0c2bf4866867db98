package io.coverwatch.inventory.resource;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.outbox.Outbox;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
        Instant now = clock.instant();
        String hash = ContentHash.of(resource);
        String key = AzureResource.normalizeId(resource.id());
        StoredResource stored = StoredResource.findById(key);
        if (stored != null && stored.contentHash.equals(hash)) {
            stored.lastSeen = now;
            return false;
        }
        if (stored == null) {
            stored = new StoredResource();
            stored.key = key;
        }
        stored.resourceId = resource.id();
        stored.type = resource.type();
        stored.subscriptionId = resource.subscriptionId();
        stored.name = resource.name();
        stored.state = ContractsJson.toJson(resource);
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
        return true;
    }

    public Optional<StoredResource> find(String resourceId) {
        return StoredResource.findByIdOptional(AzureResource.normalizeId(resourceId));
    }

    /** Resources filtered by subscription and ARM type (either may be null), ordered by ID. */
    public List<StoredResource> list(String subscriptionId, String type, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (subscriptionId != null) {
            query.append(" and lower(subscriptionId) = lower(:subscription)");
            parameters.and("subscription", subscriptionId);
        }
        if (type != null) {
            query.append(" and lower(type) = lower(:type)");
            parameters.and("type", type);
        }
        return StoredResource.find(query.toString(), Sort.by("key"), parameters)
                .page(Page.of(page, size))
                .list();
    }
}
