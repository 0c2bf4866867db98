package io.coverwatch.remediation.inventory;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** What inventory-service last published about each resource ({@code coverwatch.inventory.resources}). */
@ApplicationScoped
public class KnownResources {

    /** A resource as inventory last told it: present with its state, or deleted. */
    public sealed interface Known {
        record Present(AzureResource resource) implements Known {}

        record Deleted(Instant at) implements Known {}
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upserted(AzureResource resource, Instant at) {
        save(resource.id(), ContractsJson.toJson(resource), null, at);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String resourceId, Instant at) {
        save(resourceId, null, at, at);
    }

    /** Empty when inventory never mentioned the resource. */
    public Optional<Known> find(String resourceId) {
        return KnownResource.<KnownResource>findByIdOptional(AzureResource.normalizeId(resourceId))
                .map(row -> row.deletedAt != null
                        ? new Known.Deleted(row.deletedAt)
                        : new Known.Present(ContractsJson.fromJson(row.resource, AzureResource.class)));
    }

    private static void save(String resourceId, String resource, Instant deletedAt, Instant at) {
        String key = AzureResource.normalizeId(resourceId);
        KnownResource row = KnownResource.<KnownResource>findByIdOptional(key).orElseGet(KnownResource::new);
        row.key = key;
        row.resource = resource;
        row.deletedAt = deletedAt;
        row.updatedAt = at;
        if (!row.isPersistent()) {
            row.persist();
        }
    }
}
