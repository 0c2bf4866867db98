package io.coverwatch.evaluation.rules.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.coverage.CoverageMap.Cell;
import io.coverwatch.evaluation.rules.coverage.CoverageMap.MapRow;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.PlanState;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.Scope;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.TypeCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageMapTest {

    private static final List<AzureResource> ESTATE = List.of(
            SeedEstate.prodSubscription(),
            SeedEstate.devSubscription(),
            SeedEstate.prodWeb01(),
            SeedEstate.prodDb01(),
            SeedEstate.analyticsDb(),
            SeedEstate.devTest03(),
            other(SeedEstate.PROD, "Microsoft.EventHub/namespaces", "prod-telemetry-hub"),
            other(SeedEstate.PROD, "Microsoft.Network/networkInterfaces", "prod-web-01-nic"),
            other(SeedEstate.PROD, "Microsoft.Network/networkInterfaces", "prod-db-01-nic"));

    private static final Map<String, SubscriptionDetails> SUBSCRIPTIONS = Map.of(
            SeedEstate.PROD, SeedEstate.prodSubscriptionDetails(),
            SeedEstate.DEV, SeedEstate.devSubscriptionDetails());

    @Test
    void theSeedsEstateAsAMapMachinesFirstProductionFirst() {
        CoverageMap map = CoverageMap.of(CoverageReport.of(ESTATE, Scope.ALL), SUBSCRIPTIONS, 0, 50);

        assertEquals(List.of(ResourceKind.VIRTUAL_MACHINE, ResourceKind.SQL_SERVER, ResourceKind.OTHER), map.kinds());
        assertEquals(List.of(ResourceKind.OTHER), map.blindSpots());
        assertEquals(3, map.machines(), "prod-web-01, prod-db-01 and dev-test-03");
        assertEquals(2, map.subscriptions());
        assertEquals(
                List.of("prod-subscription", "dev-subscription"),
                map.rows().stream().map(MapRow::name).toList(),
                "production first: its target is 100 %");

        MapRow prod = map.rows().get(0);
        assertEquals(true, prod.production());
        assertEquals(
                new Cell(ResourceKind.VIRTUAL_MACHINE, "VirtualMachines", "P2", PlanState.COVERED, 2, 2),
                prod.cells().get(0));
        assertEquals(
                new Cell(ResourceKind.SQL_SERVER, "SqlServers", null, PlanState.NOT_COVERED, 1, 0),
                prod.cells().get(1));
        // prod-web-01 and prod-db-01 of six resources; the event hub and the NICs count as not covered.
        assertEquals(6, prod.resources());
        assertEquals(2, prod.covered());

        MapRow dev = map.rows().get(1);
        assertEquals(PlanState.NOT_COVERED, dev.cells().get(0).state());
        assertNull(dev.cells().get(1), "dev-subscription holds no SQL server");
        assertNull(dev.cells().get(2));
    }

    @Test
    void aCellCountsEveryTypeOfItsKindNotTheLastOneRead() {
        // Kinds without a model are reported per ARM type: the Other cell is the event hub and both NICs.
        CoverageMap map = CoverageMap.of(CoverageReport.of(ESTATE, Scope.ALL), SUBSCRIPTIONS, 0, 50);

        Cell other = map.rows().get(0).cells().get(2);
        assertEquals(new Cell(ResourceKind.OTHER, null, null, PlanState.BLIND_SPOT, 3, 0), other);
        assertEquals(0.0, other.percentage());
    }

    @Test
    void aThousandSubscriptionsFiftyAtATimeByNameWithProductionFirst() {
        Map<String, SubscriptionDetails> subscriptions = new HashMap<>();
        List<TypeCount> counts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String id = "%08d-0000-0000-0000-000000000000".formatted(i);
            subscriptions.put(id, details("sub-%04d".formatted(i), i % 100 == 7));
            counts.add(new TypeCount(id, "Microsoft.Compute/virtualMachines", false, 10));
        }
        // One subscription evaluation has not been told about yet: shown by its ID, and counted.
        counts.add(new TypeCount("ffffffff-0000-0000-0000-000000000000", "Microsoft.KeyVault/vaults", false, 1));
        CoverageReport report = CoverageReport.of(subscriptions, counts, Scope.ALL);

        CoverageMap first = CoverageMap.of(report, subscriptions, 0, 50);
        assertEquals(1_001, first.subscriptions());
        assertEquals(10_000, first.machines(), "the estate's, whatever the page");
        assertEquals(List.of(ResourceKind.VIRTUAL_MACHINE, ResourceKind.KEY_VAULT), first.kinds());
        assertEquals(50, first.rows().size());
        assertEquals("sub-0007", first.rows().get(0).name());
        assertEquals("sub-0907", first.rows().get(9).name(), "the ten production subscriptions first");
        assertEquals("sub-0000", first.rows().get(10).name(), "then the others by name");

        CoverageMap last = CoverageMap.of(report, subscriptions, 20, 50);
        assertEquals(1, last.rows().size());
        assertNull(last.rows().get(0).name());
        assertEquals("ffffffff-0000-0000-0000-000000000000", last.rows().get(0).subscriptionId());
        assertEquals(PlanState.UNKNOWN, last.rows().get(0).cells().get(1).state());

        CoverageMap past = CoverageMap.of(report, subscriptions, 21, 50);
        assertEquals(List.of(), past.rows());
        assertEquals(first.kinds(), past.kinds());
        assertEquals(1_001, past.subscriptions());
    }

    @Test
    void aPageBeforeTheFirstOrOfNothingIsRefused() {
        CoverageReport report = CoverageReport.of(ESTATE, Scope.ALL);
        assertThrows(IllegalArgumentException.class, () -> CoverageMap.of(report, SUBSCRIPTIONS, -1, 50));
        assertThrows(IllegalArgumentException.class, () -> CoverageMap.of(report, SUBSCRIPTIONS, 0, 0));
    }

    private static SubscriptionDetails details(String name, boolean production) {
        return new SubscriptionDetails(name, List.of(), production, List.of(), null, null);
    }

    private static AzureResource other(String subscriptionId, String type, String name) {
        return SeedEstate.resource(subscriptionId, "prod-rg", type, name, new GenericDetails(), null);
    }
}
