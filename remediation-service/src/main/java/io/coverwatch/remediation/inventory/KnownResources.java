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
        KnownResource row = row(resource.id());
        row.resource = ContractsJson.toJson(resource);
        row.deletedAt = null;
        row.updatedAt = at;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String resourceId, Instant at) {
        KnownResource row = row(resourceId);
        row.resource = null;
        row.deletedAt = at;
        row.updatedAt = at;
    }

    /** Empty when inventory never mentioned the resource. */
    public Optional<Known> find(String resourceId) {
        return KnownResource.<KnownResource>findByIdOptional(AzureResource.normalizeId(resourceId))
                .map(row -> row.deletedAt != null
                        ? new Known.Deleted(row.deletedAt)
                        : new Known.Present(ContractsJson.fromJson(row.resource, AzureResource.class)));
    }

    private static KnownResource row(String resourceId) {
        String key = AzureResource.normalizeId(resourceId);
        return KnownResource.<KnownResource>findByIdOptional(key).orElseGet(() -> {
            KnownResource created = new KnownResource();
            created.key = key;
            created.persist();
            return created;
        });
    }
}
