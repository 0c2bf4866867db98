package io.coverwatch.inventory.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureLocalInstanceDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure mapping, on the official Azure REST examples. */
class AzureMappingTest {

    private static final String PROD_SUBSCRIPTION = "20ff7fc3-e762-44dd-bd96-b71116dcdc23";

    private static List<JsonNode> list(String sample) {
        List<JsonNode> rows = new ArrayList<>();
        AzureSamples.body(sample).path("value").forEach(rows::add);
        return rows;
    }

    @Test
    void pricingsBecomeDefenderPlansWithOnlyTheEnabledExtensions() {
        List<JsonNode> pricings = list("security/pricings_list.json");

        DefenderPlan servers = AzureMapping.defenderPlan(pricings.get(0));
        assertEquals(
                new DefenderPlan("VirtualMachines", PricingTier.STANDARD, "P2", List.of("AgentlessVmScanning")),
                servers);
        assertTrue(servers.enabled());

        DefenderPlan appServices = AzureMapping.defenderPlan(pricings.stream()
                .filter(row -> row.path("name").asText().equals("AppServices"))
                .findFirst()
                .orElseThrow());
        assertEquals(PricingTier.FREE, appServices.pricingTier());
        assertFalse(appServices.enabled());

        DefenderPlan storage = AzureMapping.defenderPlan(pricings.get(3));
        assertEquals("DefenderForStorageV2", storage.subPlan());
        assertEquals(List.of("OnUploadMalwareScanning", "SensitiveDataDiscovery"), storage.extensions());
    }

    @Test
    void anExtensionFlaggedFalseIsNotEnabled() {
        ObjectNode pricing = (ObjectNode) list("security/pricings_list.json").get(0);
        ((ObjectNode) pricing.path("properties").path("extensions").path(0)).put("isEnabled", "False");
        assertEquals(List.of(), AzureMapping.defenderPlan(pricing).extensions());
    }

    @Test
    void aSubscriptionCarriesItsPlansAndAutoProvisioning() {
        List<JsonNode> security = new ArrayList<>();
        list("security/pricings_list.json").stream()
                .filter(row -> row.path("id").asText().contains(PROD_SUBSCRIPTION))
                .forEach(security::add);
        security.addAll(list("security/autoprovisioningsettings_list.json"));

        AzureResource subscription = AzureMapping.subscription(
                PROD_SUBSCRIPTION, "prod-subscription", Map.of("env", "prod"), true, security);

        assertEquals("/subscriptions/" + PROD_SUBSCRIPTION, subscription.id());
        assertEquals(AzureResource.SUBSCRIPTION_TYPE, subscription.type());
        SubscriptionDetails details = assertInstanceOf(SubscriptionDetails.class, subscription.details());
        assertEquals(
                List.of("VirtualMachines", "SqlServers", "AppServices", "StorageAccounts"),
                details.defenderPlans().stream().map(DefenderPlan::name).toList());
        assertTrue(details.plan(DefenderPlan.SERVERS).orElseThrow().enabled());
        assertEquals(List.of(new AutoProvisioningSetting("default", true)), details.autoProvisioning());
        assertTrue(details.production());
        assertTrue(AzureMapping.productionByTag(Map.of("Environment", "Production")));
        assertFalse(AzureMapping.productionByTag(Map.of("env", "dev")));
    }

    @Test
    void aVmRowCarriesOsImagePowerStateAndItsExtensions() {
        String vmId = "/subscriptions/" + PROD_SUBSCRIPTION
                + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";
        ObjectNode row = AzureSamples.row(AzureSamples.body("compute/virtualmachines_get.json"), vmId);
        ((ObjectNode) row.path("properties"))
                .set(
                        "extended",
                        AzureSamples.JSON
                                .createObjectNode()
                                .set(
                                        "instanceView",
                                        AzureSamples.extendedInstanceView(
                                                AzureSamples.body("compute/virtualmachines_get_instanceview.json"))));
        JsonNode mde = AzureSamples.vmExtension(
                vmId,
                "MDE.Windows",
                "Microsoft.Azure.AzureDefenderForServers",
                "MDE.Windows",
                "Failed",
                "Onboarding failed: no connectivity");

        assertTrue(AzureMapping.isExtension(mde));
        assertEquals(vmId, AzureMapping.extensionParentId(mde.path("id").asText()));

        AzureResource vm = AzureMapping.resource(row, List.of(mde));
        assertEquals(AzureResource.VIRTUAL_MACHINE_TYPE, vm.type());
        assertEquals("prod-web-01", vm.name());
        assertEquals(PROD_SUBSCRIPTION, vm.subscriptionId());
        assertEquals("prod-rg", vm.resourceGroup());
        assertEquals(Map.of("myTag1", "tagValue1"), vm.tags());
        VirtualMachineDetails details = assertInstanceOf(VirtualMachineDetails.class, vm.details());
        assertEquals("Windows", details.osType());
        assertEquals("PowerState/running", details.powerState());
        assertEquals("Windows Server 2016 Datacenter", details.os().name());
        assertEquals("MicrosoftWindowsServer", details.os().imagePublisher());
        assertEquals("2016-Datacenter", details.os().imageSku());
        VmExtension extension = details.extensions().get(0);
        assertTrue(extension.is("microsoft.azure.azuredefenderforservers", "mde.windows"));
        assertEquals("Failed", extension.provisioningState());
        assertEquals("Onboarding failed: no connectivity", extension.statusMessage());
    }

    @Test
    void thePowerStateComesFromTheArmInstanceViewToo() {
        assertEquals(
                "PowerState/running",
                AzureMapping.powerState(AzureSamples.body("compute/virtualmachines_get_instanceview.json")));
        assertNull(AzureMapping.powerState(AzureSamples.JSON.createObjectNode()));
    }

    @Test
    void anArcMachineBelongsToItsAzureLocalInstanceAndCarriesItsExtensions() {
        ObjectNode machine = AzureSamples.body("hybridcompute/machines_get.json");
        ObjectNode properties = (ObjectNode) machine.path("properties");
        properties.put("status", "Disconnected");
        properties.put("lastStatusChange", "2026-11-20T08:15:00Z");
        properties.put("osType", "windows");
        properties.put("osName", "Windows Server 2019 Datacenter");
        properties.put("agentVersion", "1.45.02690.1742");
        String machineId = "/subscriptions/" + PROD_SUBSCRIPTION
                + "/resourceGroups/onprem-rg/providers/Microsoft.HybridCompute/machines/onprem-sql-01";
        List<JsonNode> extensions = list("hybridcompute/machineextensions_list.json");

        AzureResource arc = AzureMapping.resource(AzureSamples.row(machine, machineId), extensions);

        assertEquals(AzureResource.ARC_MACHINE_TYPE, arc.type());
        assertEquals("{AzureStackHCIResourceId}", arc.azureLocalInstanceId());
        ArcMachineDetails details = assertInstanceOf(ArcMachineDetails.class, arc.details());
        assertEquals("Disconnected", details.status());
        assertEquals(Instant.parse("2026-11-20T08:15:00Z"), details.lastStatusChange());
        assertEquals("windows", details.osType());
        assertEquals("Windows Server 2019 Datacenter", details.os().name());
        assertEquals("1.45.02690.1742", details.agentVersion());
        assertEquals("N/A", details.cloudProvider(), "detectedProperties.cloudprovider: on premises");
        assertEquals(
                List.of("CustomScriptExtension", "winosupdateextension"),
                details.extensions().stream().map(VmExtension::name).toList());
        VmExtension script = details.extensions().get(0);
        assertTrue(script.is("microsoft.compute", "customscriptextension"));
        assertEquals("Succeeded", script.provisioningState());
        assertEquals("formattedMessage: Finished executing command, StdOut: , StdErr: ", script.statusMessage());
        assertNull(details.extensions().get(1).statusMessage());
    }

    @Test
    void theCloudProviderPrefersCloudMetadata() {
        ObjectNode machine = AzureSamples.body("hybridcompute/machines_get.json");
        ((ObjectNode) machine.path("properties")).putObject("cloudMetadata").put("provider", "AWS");
        ArcMachineDetails details = assertInstanceOf(
                ArcMachineDetails.class,
                AzureMapping.resource(machine, List.of()).details());
        assertEquals("AWS", details.cloudProvider());
        assertNull(details.status(), "the official example leaves the status null");
        assertNull(details.lastStatusChange());
    }

    @Test
    void anAzureLocalClusterCarriesVersionAndStatus() {
        AzureResource cluster = AzureMapping.resource(AzureSamples.body("azurestackhci/clusters_get.json"), List.of());
        assertEquals(AzureResource.AZURE_LOCAL_INSTANCE_TYPE, cluster.type());
        assertEquals("fd3c3665-1729-4b7b-9a38-238e83b0f98b", cluster.subscriptionId());
        assertEquals("test-rg", cluster.resourceGroup());
        assertEquals(new AzureLocalInstanceDetails("10.0.17777", "ConnectedRecently"), cluster.details());
    }

    @Test
    void anyOtherTypeIsKeptAsGeneric() {
        ObjectNode row = AzureSamples.JSON.createObjectNode();
        row.put(
                "id",
                "/subscriptions/" + PROD_SUBSCRIPTION
                        + "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/prodlogs01");
        row.put("type", "microsoft.storage/storageaccounts");
        row.put("location", "westeurope");
        row.putNull("tags");
        row.putNull("properties");

        AzureResource storage = AzureMapping.resource(row, List.of());

        assertEquals("microsoft.storage/storageaccounts", storage.type());
        assertEquals("prodlogs01", storage.name());
        assertInstanceOf(GenericDetails.class, storage.details());
        assertEquals(Map.of(), storage.tags());
    }
}
