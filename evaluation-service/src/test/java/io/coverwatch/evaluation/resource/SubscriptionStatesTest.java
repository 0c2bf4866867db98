package io.coverwatch.evaluation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.SubscriptionDetails;
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
 * the statement cannot use the index (a bound type did not, and read the table: 396 ms).
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
                    .createNativeQuery("explain " + ResourceStates.SUBSCRIPTION_STATES)
                    .getResultList();
            return lines.stream().map(Object::toString).collect(Collectors.joining("\n"));
        });
        assertTrue(plan.contains("evaluated_resource_subscription_idx"), plan);
    }

    @Test
    void theSubscriptionsAreTheSubscriptionResources() {
        AzureResource subscription = new AzureResource(
                AzureResource.subscriptionResourceId(SUBSCRIPTION_ID),
                AzureResource.SUBSCRIPTION_TYPE,
                "plan-subscription",
                SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails("plan-subscription", List.of(), true));
        QuarkusTransaction.requiringNew().run(() -> states.put(subscription, Instant.now()));

        SubscriptionDetails read = QuarkusTransaction.requiringNew()
                .call(() -> states.subscriptions().get(SUBSCRIPTION_ID.toLowerCase(Locale.ROOT)));
        assertEquals("plan-subscription", read.displayName());
    }
}
