package io.coverwatch.inventory.demo;

import static io.coverwatch.inventory.demo.ShippedEstate.ANALYTICS_DB;
import static io.coverwatch.inventory.demo.ShippedEstate.DEV_SUBSCRIPTION;
import static io.coverwatch.inventory.demo.ShippedEstate.DEV_TEST_03;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_DB_01;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_WEB_01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EstateFileTest {

    private final Map<String, DemoResource> estate = ShippedEstate.byId();

    private SubscriptionDetails subscriptionOf(AzureResource resource) {
        return (SubscriptionDetails) estate.get("/subscriptions/" + resource.subscriptionId())
                .resource()
                .details();
    }

    @Test
    void prodWeb01IsAProductionVmWithoutTheLogAnalyticsAgent() {
        AzureResource prodWeb01 = ShippedEstate.get(PROD_WEB_01).resource();
        VirtualMachineDetails vm = assertInstanceOf(VirtualMachineDetails.class, prodWeb01.details());
        assertEquals("PowerState/running", vm.powerState());
        assertTrue(subscriptionOf(prodWeb01).production());
        assertTrue(vm.extensions().stream()
                .noneMatch(extension -> extension.publisher().startsWith("Microsoft.Azure.Monitor")
                        || extension.publisher().equals("Microsoft.EnterpriseCloud.Monitoring")));
        assertTrue(
                vm.extensions().stream().anyMatch(e -> e.is("Microsoft.Azure.AzureDefenderForServers", "MDE.Windows")));
    }

    @Test
    void devSubscriptionHasDefenderForServersOff() {
        SubscriptionDetails dev = assertInstanceOf(
                SubscriptionDetails.class,
                ShippedEstate.get(DEV_SUBSCRIPTION).resource().details());
        assertEquals("dev-subscription", dev.displayName());
        assertFalse(dev.production());
        assertEquals(PricingTier.FREE, dev.plan("VirtualMachines").orElseThrow().pricingTier());
    }

    @Test
    void analyticsDbIsASqlServerWithDefenderForSqlOff() {
        AzureResource analyticsDb = ShippedEstate.get(ANALYTICS_DB).resource();
        assertEquals("Microsoft.Sql/servers", analyticsDb.type());
        assertEquals(
                PricingTier.FREE,
                subscriptionOf(analyticsDb).plan("SqlServers").orElseThrow().pricingTier());
    }

    @Test
    void devTest03sAzureMonitorAgentLastSpokeFourHoursAgo() {
        DemoResource devTest03 = ShippedEstate.get(DEV_TEST_03);
        assertEquals(AgentState.STOPPED, devTest03.amaHeartbeat());
        assertEquals(Duration.ofHours(4), devTest03.lastHeartbeatAgo());
    }

    @Test
    void prodDb01IsHealthy() {
        DemoResource prodDb01 = ShippedEstate.get(PROD_DB_01);
        VirtualMachineDetails vm = (VirtualMachineDetails) prodDb01.resource().details();
        assertEquals(AgentState.RUNNING, prodDb01.amaHeartbeat());
        assertNotNull(Machines.succeeded(
                prodDb01.resource(), "Microsoft.Azure.Monitor", List.of("AzureMonitorWindowsAgent")));
        assertNotNull(Machines.succeeded(
                prodDb01.resource(), "Microsoft.Azure.AzureDefenderForServers", List.of("MDE.Windows")));
        assertFalse(vm.dataCollectionRuleIds().isEmpty());
        assertEquals(
                PricingTier.STANDARD,
                subscriptionOf(prodDb01.resource())
                        .plan("VirtualMachines")
                        .orElseThrow()
                        .pricingTier());
    }

    @Test
    void theEstateSpansAzureArcAndAzureLocal() {
        List<AzureResource> resources =
                estate.values().stream().map(DemoResource::resource).toList();
        assertTrue(resources.stream()
                .map(AzureResource::details)
                .filter(VirtualMachineDetails.class::isInstance)
                .map(VirtualMachineDetails.class::cast)
                .anyMatch(vm ->
                        vm.os() != null && "2012-R2-Datacenter".equals(vm.os().imageSku())));
        Set<String> clouds = resources.stream()
                .map(AzureResource::details)
                .filter(ArcMachineDetails.class::isInstance)
                .map(details -> ((ArcMachineDetails) details).cloudProvider())
                .collect(Collectors.toSet());
        assertTrue(clouds.containsAll(Set.of("AWS", "GCP", "N/A")), clouds.toString());
        AzureResource azureLocal = resources.stream()
                .filter(resource -> resource.isType(AzureResource.AZURE_LOCAL_INSTANCE_TYPE))
                .findFirst()
                .orElseThrow();
        Set<String> members = resources.stream()
                .filter(resource -> azureLocal.id().equals(resource.azureLocalInstanceId()))
                .map(AzureResource::type)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        AzureResource.ARC_MACHINE_TYPE,
                        "Microsoft.Storage/storageAccounts",
                        "Microsoft.KeyVault/vaults"),
                members);
        Set<String> types = resources.stream().map(AzureResource::type).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of(
                "Microsoft.Sql/servers",
                "Microsoft.SqlVirtualMachine/sqlVirtualMachines",
                "Microsoft.ContainerService/managedClusters",
                "Microsoft.Web/sites")));
        assertTrue(estate.values().stream()
                        .filter(demo -> demo.resource().details() instanceof SubscriptionDetails)
                        .count()
                >= 2);
    }

    @Test
    void theSeedsAzureLocalExclusionRowsAreUnhealthyOnItsResourcesAndSharedKeyAccessAlsoOutsideIt() {
        Map<String, List<String>> unhealthy = estate.values().stream()
                .filter(demo -> !demo.defenderRecommendations().isEmpty())
                .collect(
                        Collectors.toMap(demo -> demo.resource().name(), demo -> demo.defenderRecommendations().stream()
                                .filter(recommendation -> recommendation.status() == AssessmentStatus.UNHEALTHY)
                                .map(DemoRecommendation::displayName)
                                .toList()));
        List<String> machineRows = List.of(
                "Windows Defender Exploit Guard should be enabled on Azure Local machines",
                "Azure Local machines should be configured to periodically check for missing system updates",
                "System updates should be installed on your Azure Local machines using Azure Update Manager",
                "Azure Local machines should have a vulnerability assessment solution");
        assertEquals(
                Map.of(
                        "azlocalwitness01",
                        List.of(
                                "Storage accounts should have infrastructure encryption",
                                "Storage accounts should prevent shared key access",
                                "Storage account should use a private link connection"),
                        "azlocal-kv-01",
                        List.of("Azure Key Vaults should use private link"),
                        "azlocal-node-01",
                        machineRows,
                        "azlocal-node-02",
                        machineRows,
                        "prodwebstore01",
                        List.of("Storage accounts should prevent shared key access")),
                unhealthy);
        assertNotNull(
                ShippedEstate.get(ShippedEstate.AZLOCAL_WITNESS).resource().azureLocalInstanceId());
        assertEquals(
                null, ShippedEstate.get(ShippedEstate.PROD_WEB_STORE).resource().azureLocalInstanceId());
    }

    @Test
    void prodWeb01HasADefenderAlertAndProdJump01LacksMde() {
        assertEquals(
                List.of(new DemoAlert("VM_EICAR", "High", Duration.ofMinutes(20))),
                ShippedEstate.get(PROD_WEB_01).defenderAlerts());
        assertTrue(Machines.extensions(
                        ShippedEstate.get(ShippedEstate.PROD_JUMP_01).resource())
                .stream()
                .noneMatch(extension -> extension.publisher().equals("Microsoft.Azure.AzureDefenderForServers")));
    }

    @Test
    void badDefenderRecommendationsAndAlertsAreReported() {
        String json =
                """
                {"resources": [
                  {"id": "/subscriptions/s1", "type": "Microsoft.Resources/subscriptions", "name": "s1",
                   "subscriptionId": "s1", "details": {"kind": "subscription", "displayName": "s1"},
                   "defenderRecommendations": [{"severity": "Medium"},
                                               {"displayName": "x", "severity": "Critical", "status": "Sick"}],
                   "defenderAlerts": [{"alertType": "VM_EICAR"}]},
                  {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
                   "type": "Microsoft.Compute/virtualMachines", "name": "vm1", "subscriptionId": "s1",
                   "details": {"kind": "virtualMachine", "osType": "Windows"},
                   "defenderAlerts": [{"severity": "Severe", "ago": "20 minutes"}]},
                  {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
                   "type": "Microsoft.KeyVault/vaults", "name": "kv", "subscriptionId": "s1",
                   "defenderRecommendations": "Azure Key Vaults should use private link"}
                ]}
                """;

        List<String> problems = assertThrows(EstateFileException.class, () -> EstateFile.parse(json, "test"))
                .problems();

        assertContains(problems, "s1: defenderRecommendations[0]: displayName is missing");
        assertContains(problems, "s1: defenderRecommendations[1]: severity must be High, Medium or Low, not Critical");
        assertContains(
                problems,
                "s1: defenderRecommendations[1]: status must be Healthy, Unhealthy or NotApplicable, not Sick");
        assertContains(problems, "s1: defenderAlerts is only for virtual machines and Arc machines");
        assertContains(problems, "vm1: defenderAlerts[0]: alertType is missing");
        assertContains(problems, "vm1: defenderAlerts[0]: severity must be one of [High, Medium, Low, Informational]");
        assertContains(problems, "vm1: defenderAlerts[0]: ago must be an ISO-8601 duration");
        assertContains(problems, "kv: defenderRecommendations must be an array of objects");
        assertEquals(8, problems.size(), problems.toString());
    }

    @Test
    void everyProblemInAFileIsReported() {
        String json =
                """
                {"resources": [
                  {"id": "/subscriptions/s1", "type": "Microsoft.Resources/subscriptions", "name": "s1",
                   "subscriptionId": "s1", "details": {"kind": "subscription", "displayName": "s1"}},
                  {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
                   "type": "Microsoft.Compute/virtualMachines", "name": "vm1", "subscriptionId": "s1",
                   "details": {"kind": "generic"}},
                  {"id": "/subscriptions/s2/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm2",
                   "type": "Microsoft.Compute/virtualMachines", "name": "vm2", "subscriptionId": "s2",
                   "details": {"kind": "virtualMachine", "osType": "Linux"},
                   "amaHeartbeat": "sleeping"},
                  {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm3",
                   "type": "Microsoft.Compute/virtualMachines", "name": "vm3", "subscriptionId": "s1",
                   "details": {"kind": "virtualMachine", "osType": "Linux"}, "lastHeartbeatAgo": "4 hours"},
                  {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
                   "type": "Microsoft.KeyVault/vaults", "name": "kv", "subscriptionId": "s1",
                   "amaHeartbeat": "running", "azureLocalInstanceId": "/subscriptions/s1/nowhere"},
                  {"id": "/SUBSCRIPTIONS/S1", "type": "Microsoft.Resources/subscriptions", "name": "again",
                   "subscriptionId": "s1", "details": {"kind": "subscription"}},
                  42
                ]}
                """;

        EstateFileException thrown = assertThrows(EstateFileException.class, () -> EstateFile.parse(json, "test"));

        List<String> problems = thrown.problems();
        assertContains(problems, "vm1: a Microsoft.Compute/virtualMachines needs details of kind virtualMachine");
        assertContains(problems, "vm2: amaHeartbeat must be \"running\" or \"stopped\"");
        assertContains(problems, "vm3: lastHeartbeatAgo must be an ISO-8601 duration");
        assertContains(problems, "kv: amaHeartbeat is only for virtual machines and Arc machines");
        assertContains(problems, "/SUBSCRIPTIONS/S1: appears twice");
        assertContains(problems, "resources[6]: not an object");
        assertContains(problems, "vm3: lastHeartbeatAgo needs \"amaHeartbeat\": \"stopped\"");
        assertEquals(7, problems.size(), problems.toString());
    }

    @Test
    void referencesMustResolveWithinTheEstate() {
        String json =
                """
                {"resources": [
                  {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
                   "type": "Microsoft.KeyVault/vaults", "name": "kv", "subscriptionId": "s1",
                   "azureLocalInstanceId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.AzureStackHCI/clusters/c"}
                ]}
                """;

        List<String> problems = assertThrows(EstateFileException.class, () -> EstateFile.parse(json, "test"))
                .problems();

        assertContains(problems, "kv: its subscription s1 is not in the estate");
        assertContains(problems, "is not an Azure Local instance of the estate");
    }

    @Test
    void aFileThatIsNotAnEstateIsRefused() {
        assertContains(
                assertThrows(EstateFileException.class, () -> EstateFile.parse("{\"resources\": ", "test"))
                        .problems(),
                "not JSON");
        assertContains(
                assertThrows(EstateFileException.class, () -> EstateFile.parse("[]", "test"))
                        .problems(),
                "non-empty \"resources\" array");
    }

    private static void assertContains(List<String> problems, String expected) {
        assertTrue(
                problems.stream().anyMatch(problem -> problem.contains(expected)),
                () -> expected + " not in " + problems);
    }
}
