package io.coverwatch.evaluation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.resource.ResourceStates.Sighting;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.TypeCount;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The counters coverage and the score read (migration V12) agree with a count of the rows after every kind of change:
 * resources arriving, a tag that makes one production, a state that changes nothing counted, a statement over many
 * rows, a resource removed, and a whole subscription gone.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ResourceCountTest {

    private static final String SUBSCRIPTION_ID = "66666666-6666-6666-6666-666666666666";
    private static final String GROUP = "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/count-rg/providers/";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Inject
    ResourceStates states;

    @Test
    void theCountersFollowEveryChangeToTheEstate() {
        inTransaction(() -> {
            states.put(List.of(sighting(resource("Microsoft.Compute/virtualMachines", "vm-1", Map.of()), NOW)));
            states.put(List.of(
                    sighting(resource("Microsoft.Compute/virtualMachines", "vm-2", Map.of("env", "prod")), NOW)));
            states.put(List.of(sighting(resource("Microsoft.Storage/storageAccounts", "st1", Map.of()), NOW)));
        });
        assertCountersMatchTheRows(3);

        inTransaction(() -> states.put(List.of(sighting(
                resource("Microsoft.Compute/virtualMachines", "vm-1", Map.of("Environment", "Production")),
                NOW.plusSeconds(1)))));
        inTransaction(() -> states.put(List.of(sighting(
                resource("Microsoft.Storage/storageAccounts", "st1", Map.of("owner", "soc")), NOW.plusSeconds(1)))));
        assertCountersMatchTheRows(3);

        inTransaction(() -> Panache.getEntityManager()
                .createNativeQuery("update evaluated_resource set production_tagged = not production_tagged"
                        + " where subscription_id = :subscription")
                .setParameter("subscription", SUBSCRIPTION_ID)
                .executeUpdate());
        assertCountersMatchTheRows(3);

        inTransaction(() -> states.remove(List.of(GROUP + "Microsoft.Compute/virtualMachines/VM-2")));
        assertCountersMatchTheRows(2);

        inTransaction(() -> Panache.getEntityManager()
                .createNativeQuery("delete from evaluated_resource where subscription_id = :subscription")
                .setParameter("subscription", SUBSCRIPTION_ID)
                .executeUpdate());
        assertCountersMatchTheRows(0);
    }

    private void assertCountersMatchTheRows(int resources) {
        inTransaction(() -> {
            Set<TypeCount> counted = new HashSet<>(states.typeCounts(SUBSCRIPTION_ID));
            Set<TypeCount> rows = new HashSet<>();
            List<?> grouped = Panache.getEntityManager()
                    .createNativeQuery("select subscription_id, resource_type, production_tagged, count(*)"
                            + " from evaluated_resource where subscription_id = :subscription"
                            + " group by subscription_id, resource_type, production_tagged")
                    .setParameter("subscription", SUBSCRIPTION_ID)
                    .getResultList();
            grouped.stream()
                    .map(Object[].class::cast)
                    .forEach(row -> rows.add(new TypeCount(
                            (String) row[0], (String) row[1], (Boolean) row[2], ((Number) row[3]).longValue())));
            assertEquals(rows, counted);
            assertEquals(
                    resources, counted.stream().mapToLong(TypeCount::resources).sum());
        });
    }

    private static AzureResource resource(String type, String name, Map<String, String> tags) {
        return new AzureResource(
                GROUP + type + "/" + name, type, name, SUBSCRIPTION_ID, "count-rg", "westeurope", tags, null, null);
    }

    private static void inTransaction(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }

    private static Sighting sighting(AzureResource resource, Instant at) {
        return new Sighting(resource, at, at);
    }
}
