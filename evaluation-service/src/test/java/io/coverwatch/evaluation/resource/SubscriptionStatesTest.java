package io.coverwatch.evaluation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.resource.ResourceStates.Sighting;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Coverage reads the subscriptions among the whole estate; at a million resources that must come from the partial
 * index (V19), not from every resource: the plan is checked with sequential scans priced out, so it fails whenever
 * the statement cannot use the index (a bound type did not, and read the table: 396 ms). The parsed subscriptions are
 * kept between answers, and must follow every change of their rows.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class SubscriptionStatesTest {

    private static final String SUBSCRIPTION_ID = "7d7d7d7d-0000-4000-8000-000000000001";

    @Inject
    ResourceStates states;

    @Test
    void theSubscriptionsAreReadFromTheirOwnIndex() {
        String plan = QuarkusTransaction.requiringNew().call(() -> {
            Panache.getEntityManager()
                    .createNativeQuery("set local enable_seqscan = off")
                    .executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object> lines = Panache.getEntityManager()
                    .createNativeQuery("explain " + ResourceStates.SUBSCRIPTION_VERSIONS)
                    .getResultList();
            return lines.stream().map(Object::toString).collect(Collectors.joining("\n"));
        });
        assertTrue(plan.contains("evaluated_resource_subscription_idx"), plan);
    }

    @Test
    void theSubscriptionsAreAsCurrentAsTheirRows() {
        QuarkusTransaction.requiringNew().run(() -> states.put(List.of(sighting(subscription("plan-subscription")))));
        assertEquals("plan-subscription", nameRead(null));
        assertEquals("plan-subscription", nameRead(SUBSCRIPTION_ID.toUpperCase(Locale.ROOT)));

        // Kept parsed between answers, but never past a change of the row.
        QuarkusTransaction.requiringNew()
                .run(() -> states.put(List.of(sighting(subscription("renamed-subscription")))));
        assertEquals("renamed-subscription", nameRead(null));

        QuarkusTransaction.requiringNew()
                .run(() -> states.remove(List.of(AzureResource.subscriptionResourceId(SUBSCRIPTION_ID))));
        assertNull(QuarkusTransaction.requiringNew()
                .call(() -> states.subscriptions(null).get(SUBSCRIPTION_ID.toLowerCase(Locale.ROOT))));
    }

    private String nameRead(String subscriptionId) {
        return QuarkusTransaction.requiringNew().call(() -> states.subscriptions(subscriptionId)
                .get(SUBSCRIPTION_ID.toLowerCase(Locale.ROOT))
                .displayName());
    }

    private static AzureResource subscription(String name) {
        return new AzureResource(
                AzureResource.subscriptionResourceId(SUBSCRIPTION_ID),
                AzureResource.SUBSCRIPTION_TYPE,
                name,
                SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(name, List.of(), true));
    }

    private static Sighting sighting(AzureResource resource) {
        Instant now = Instant.now();
        return new Sighting(resource, now, now);
    }
}
