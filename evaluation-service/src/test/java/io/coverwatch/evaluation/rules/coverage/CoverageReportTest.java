package io.coverwatch.evaluation.rules.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.CoverageRow;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.PlanState;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.Scope;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.SubscriptionCoverage;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.TypeCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoverageReportTest {

    private static final AzureResource PROD_TELEMETRY_HUB = SeedEstate.resource(
            SeedEstate.PROD,
            "prod-rg",
            "Microsoft.EventHub/namespaces",
            "prod-telemetry-hub",
            new GenericDetails(),
            null);

    private static final List<AzureResource> ESTATE = List.of(
            SeedEstate.prodSubscription(),
            SeedEstate.devSubscription(),
            SeedEstate.prodWeb01(),
            SeedEstate.prodDb01(),
            SeedEstate.analyticsDb(),
            PROD_TELEMETRY_HUB,
            SeedEstate.devTest03(),
            SeedEstate.resource(
                    SeedEstate.DEV, "dev-rg", "Microsoft.Sql/servers", "dev-sql-01", new GenericDetails(), null));

    @Test
    void coveragePerSubscriptionAndKindWithTheSubPlan() {
        CoverageReport report = CoverageReport.of(ESTATE, Scope.ALL);

        CoverageRow prodMachines = row(report, SeedEstate.PROD, ResourceKind.VIRTUAL_MACHINE);
        assertEquals(PlanState.COVERED, prodMachines.state());
        assertEquals("VirtualMachines", prodMachines.plan());
        assertEquals("P2", prodMachines.subPlan());
        assertEquals(2, prodMachines.covered());
        assertEquals(100.0, prodMachines.percentage());

        CoverageRow analyticsDb = row(report, SeedEstate.PROD, ResourceKind.SQL_SERVER);
        assertEquals(PlanState.NOT_COVERED, analyticsDb.state());
        assertEquals(0, analyticsDb.covered());
        assertEquals(null, analyticsDb.subPlan());

        assertEquals(
                PlanState.NOT_COVERED,
                row(report, SeedEstate.DEV, ResourceKind.VIRTUAL_MACHINE).state());
    }

    @Test
    void aKindWithoutAPlanIsABlindSpotNeverCovered() {
        CoverageReport report = CoverageReport.of(ESTATE, Scope.ALL);

        assertEquals(
                List.of(new CoverageRow(
                        SeedEstate.PROD,
                        ResourceKind.OTHER,
                        "microsoft.eventhub/namespaces",
                        null,
                        null,
                        PlanState.BLIND_SPOT,
                        1)),
                report.blindSpots());
        SubscriptionCoverage prod = report.bySubscription().get(SeedEstate.PROD);
        // prod-web-01, prod-db-01 covered; analytics-db off; the event hub a blind spot
        assertEquals(new SubscriptionCoverage(SeedEstate.PROD, 4, 2, 1), prod);
        assertEquals(50.0, prod.percentage());
    }

    @Test
    void productionOnlyKeepsProductionSubscriptionsAndProdTaggedResources() {
        AzureResource taggedInDev = new AzureResource(
                "/subscriptions/" + SeedEstate.DEV + "/resourceGroups/dev-rg/providers/Microsoft.Web/sites/shop",
                "Microsoft.Web/sites",
                "shop",
                SeedEstate.DEV,
                "dev-rg",
                "uksouth",
                Map.of("Environment", "Production"),
                new GenericDetails());
        List<AzureResource> estate = new ArrayList<>(ESTATE);
        estate.add(taggedInDev);

        CoverageReport report = CoverageReport.of(estate, Scope.PRODUCTION);

        assertEquals(
                List.of(ResourceKind.APP_SERVICE),
                report.rows().stream()
                        .filter(row -> row.subscriptionId().equals(SeedEstate.DEV))
                        .map(CoverageRow::kind)
                        .toList());
        assertEquals(4, report.bySubscription().get(SeedEstate.PROD).resources());
    }

    @Test
    void countsAsTheDatabaseKeepsThemMakeTheSameReportAsTheEstate() {
        AzureResource taggedInDev = SeedEstate.resource(
                SeedEstate.DEV, "dev-rg", "Microsoft.Web/sites", "dev-api", new GenericDetails(), null);
        List<AzureResource> estate = new ArrayList<>(ESTATE);
        estate.add(new AzureResource(
                taggedInDev.id(),
                taggedInDev.type(),
                taggedInDev.name(),
                taggedInDev.subscriptionId(),
                "dev-rg",
                "uksouth",
                Map.of("ENV", "prod"),
                new GenericDetails()));
        // One row per lower-cased subscription, lower-cased type and tag, as evaluated_resource is grouped.
        Map<List<Object>, Long> grouped = estate.stream()
                .collect(Collectors.groupingBy(
                        resource -> List.of(
                                resource.subscriptionId().toLowerCase(Locale.ROOT),
                                resource.type().toLowerCase(Locale.ROOT),
                                CoverageReport.productionTagged(resource)),
                        Collectors.counting()));
        List<TypeCount> counts = grouped.entrySet().stream()
                .map(entry -> new TypeCount(
                        (String) entry.getKey().get(0),
                        (String) entry.getKey().get(1),
                        (Boolean) entry.getKey().get(2),
                        entry.getValue()))
                .toList();
        Map<String, SubscriptionDetails> subscriptions = Map.of(
                SeedEstate.PROD, SeedEstate.prodSubscriptionDetails(),
                SeedEstate.DEV, SeedEstate.devSubscriptionDetails());

        for (Scope scope : Scope.values()) {
            assertEquals(CoverageReport.of(estate, scope), CoverageReport.of(subscriptions, counts, scope));
        }
    }

    @Test
    void productionIsTheSubscriptionsMarkOrTheResourcesEnvironmentTag() {
        assertTrue(
                CoverageReport.production(SeedEstate.devTest03(), Optional.of(SeedEstate.prodSubscriptionDetails())));
        assertFalse(
                CoverageReport.production(SeedEstate.devTest03(), Optional.of(SeedEstate.devSubscriptionDetails())));
        assertTrue(CoverageReport.production(PROD_TELEMETRY_HUB, Optional.empty()));
    }

    @Test
    void resourcesOfAnUnreportedSubscriptionAreUnknownNotUncovered() {
        CoverageReport report = CoverageReport.of(List.of(SeedEstate.prodWeb01()), Scope.ALL);

        assertEquals(
                PlanState.UNKNOWN,
                row(report, SeedEstate.PROD, ResourceKind.VIRTUAL_MACHINE).state());
    }

    private static CoverageRow row(CoverageReport report, String subscriptionId, ResourceKind kind) {
        return report.rows().stream()
                .filter(row -> row.subscriptionId().equals(subscriptionId) && row.kind() == kind)
                .findFirst()
                .orElseThrow();
    }
}
