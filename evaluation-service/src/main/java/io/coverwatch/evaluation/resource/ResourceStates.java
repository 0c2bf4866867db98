package io.coverwatch.evaluation.resource;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The estate as evaluation knows it: one row per resource, replaced by each newer state. */
@ApplicationScoped
public class ResourceStates {

    @Transactional(Transactional.TxType.MANDATORY)
    public void put(AzureResource resource, Instant observedAt) {
        String key = AzureResource.normalizeId(resource.id());
        EvaluatedResource row = EvaluatedResource.<EvaluatedResource>findByIdOptional(key)
                .orElseGet(() -> {
                    EvaluatedResource created = new EvaluatedResource();
                    created.key = key;
                    return created;
                });
        row.resourceId = resource.id();
        row.type = lower(resource.type());
        row.subscriptionId = lower(resource.subscriptionId());
        row.state = ContractsJson.toJson(resource);
        row.observedAt = observedAt;
        row.persist();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(String resourceId) {
        EvaluatedResource.deleteById(AzureResource.normalizeId(resourceId));
    }

    public Optional<AzureResource> find(String resourceId) {
        return EvaluatedResource.<EvaluatedResource>findByIdOptional(AzureResource.normalizeId(resourceId))
                .map(row -> ContractsJson.fromJson(row.state, AzureResource.class));
    }

    /** How many resources of these ARM types (lower-cased) a subscription holds. */
    public long count(String subscriptionId, Collection<String> lowerCaseTypes) {
        return EvaluatedResource.count("subscriptionId = ?1 and type in ?2", lower(subscriptionId), lowerCaseTypes);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
