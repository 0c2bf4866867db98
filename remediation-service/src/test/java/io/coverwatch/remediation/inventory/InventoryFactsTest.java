package io.coverwatch.remediation.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.OperatingSystem;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.remediation.catalog.AgentInstall;
import io.coverwatch.remediation.catalog.ExtensionState;
import io.coverwatch.remediation.catalog.MachineHost;
import io.coverwatch.remediation.catalog.OsSupport;
import io.coverwatch.remediation.catalog.OsType;
import io.coverwatch.remediation.catalog.PowerState;
import io.coverwatch.remediation.catalog.ResourceFacts;
import io.coverwatch.remediation.catalog.SeedEstate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryFactsTest {

    private static final String DCR = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/soc-rg/"
            + "providers/Microsoft.Insights/dataCollectionRules/security-events";

    @Test
    void prodWeb01IsARunningWindowsVmWhoseAgentsAreFoundByPublisherAndType() {
        AzureResource prodWeb01 = vm(
                SeedEstate.PROD_WEB_01,
                "Windows",
                "PowerState/running",
                new OperatingSystem(
                        "Windows Server 2022 Datacenter",
                        "10.0",
                        "MicrosoftWindowsServer",
                        "WindowsServer",
                        "2022-datacenter",
                        null),
                List.of(
                        new VmExtension(
                                "MicrosoftMonitoringAgent",
                                "Microsoft.EnterpriseCloud.Monitoring",
                                "MicrosoftMonitoringAgent",
                                "1.0",
                                "Succeeded",
                                null),
                        new VmExtension(
                                "MDE.Windows",
                                "microsoft.azure.azuredefenderforservers",
                                "mde.windows",
                                "1.0",
                                "Failed",
                                "onboarding failed")));

        ResourceFacts facts = InventoryFacts.of(prodWeb01, DCR);

        assertEquals(MachineHost.AZURE_VM, facts.host());
        assertEquals(OsType.WINDOWS, facts.osType());
        assertEquals(OsSupport.SUPPORTED, facts.osSupport());
        assertEquals(PowerState.RUNNING, facts.powerState());
        assertEquals("uksouth", facts.location());
        assertEquals(
                Map.of(AgentInstall.DEFENDER_FOR_ENDPOINT, new ExtensionState("MDE.Windows", "Failed")),
                facts.extensions());
        assertEquals(DCR, facts.configuredDataCollectionRule());
        assertEquals(Map.of("environment", "production"), facts.tags());
    }

    @Test
    void windowsServer2012R2NeedsTheLegacyAgentAndLinuxWithoutSystemdCannotRunTheAma() {
        assertEquals(
                OsSupport.LEGACY_AGENT_ONLY,
                InventoryFacts.osSupport(
                        OsType.WINDOWS,
                        new OperatingSystem(
                                null, null, "MicrosoftWindowsServer", "WindowsServer", "2012-R2-Datacenter", null)));
        assertEquals(
                OsSupport.NO_SYSTEMD,
                InventoryFacts.osSupport(OsType.LINUX, new OperatingSystem("Alpine", "3.19", null, null, null, false)));
        assertEquals(OsSupport.UNKNOWN, InventoryFacts.osSupport(OsType.LINUX, null));
    }

    @Test
    void aDeallocatedVmIsPoweredOffAndADisconnectedArcMachineIsDisconnected() {
        AzureResource deallocated = vm(SeedEstate.DEV_TEST_03, "Linux", "PowerState/deallocated", null, List.of());
        AzureResource arc = new AzureResource(
                "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/onprem-rg/providers/"
                        + "Microsoft.HybridCompute/machines/onprem-sql-01",
                AzureResource.ARC_MACHINE_TYPE,
                "onprem-sql-01",
                "11111111-1111-1111-1111-111111111111",
                "onprem-rg",
                "westeurope",
                Map.of(),
                new ArcMachineDetails(
                        "Disconnected",
                        Instant.parse("2026-11-23T04:00:00Z"),
                        "linux",
                        null,
                        "1.44",
                        "N/A",
                        List.of(new VmExtension(
                                "AzureMonitorLinuxAgent",
                                "Microsoft.Azure.Monitor",
                                "AzureMonitorLinuxAgent",
                                "1.36",
                                "Succeeded",
                                null)),
                        List.of(DCR)));

        assertEquals(
                PowerState.POWERED_OFF, InventoryFacts.of(deallocated, null).powerState());
        ResourceFacts onpremSql01 = InventoryFacts.of(arc, null);
        assertEquals(MachineHost.ARC_MACHINE, onpremSql01.host());
        assertEquals(PowerState.DISCONNECTED, onpremSql01.powerState());
        assertEquals(OsType.LINUX, onpremSql01.osType());
        assertEquals(Set.of(DCR), onpremSql01.dataCollectionRuleIds());
        assertEquals(
                Map.of(AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorLinuxAgent", "Succeeded")),
                onpremSql01.extensions());
    }

    @Test
    void theAssignmentThatDeniesTheExtensionsReachesTheFactsForVmsAndArcMachines() {
        AzureResource prodWeb01 = vm(SeedEstate.PROD_WEB_01, "Windows", "PowerState/running", null, List.of());
        AzureResource denied = new AzureResource(
                prodWeb01.id(),
                prodWeb01.type(),
                prodWeb01.name(),
                prodWeb01.subscriptionId(),
                prodWeb01.resourceGroup(),
                prodWeb01.location(),
                prodWeb01.tags(),
                new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        List.of(),
                        null,
                        List.of(),
                        true,
                        true,
                        SeedEstate.DENY_EXTENSIONS_ASSIGNMENT));
        AzureResource arc = new AzureResource(
                SeedEstate.DEV_TEST_03,
                AzureResource.ARC_MACHINE_TYPE,
                "dev-test-03",
                SeedEstate.DEV_SUBSCRIPTION_ID,
                "rg-dev",
                "uksouth",
                Map.of(),
                new ArcMachineDetails(
                        "Connected",
                        null,
                        "linux",
                        null,
                        "1.44",
                        "N/A",
                        List.of(),
                        List.of(),
                        SeedEstate.DENY_EXTENSIONS_ASSIGNMENT));

        assertNull(InventoryFacts.of(prodWeb01, null).extensionPolicyAssignment());
        assertEquals(
                SeedEstate.DENY_EXTENSIONS_ASSIGNMENT,
                InventoryFacts.of(denied, null).extensionPolicyAssignment());
        assertEquals(
                SeedEstate.DENY_EXTENSIONS_ASSIGNMENT,
                InventoryFacts.of(arc, null).extensionPolicyAssignment());
    }

    @Test
    void aResourceInventoryNeverDescribedHasOnlyTheFindingsTags() {
        ResourceFacts unknown = InventoryFacts.unknown(SeedEstate.DEV_TEST_03, Map.of("owner", "qa"), null);

        assertNull(unknown.host());
        assertNull(unknown.osType());
        assertEquals(Map.of("owner", "qa"), unknown.tags());
    }

    private static AzureResource vm(
            String id, String osType, String power, OperatingSystem os, List<VmExtension> extensions) {
        return new AzureResource(
                id,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                id.substring(id.lastIndexOf('/') + 1),
                "11111111-1111-1111-1111-111111111111",
                "prod-rg",
                "uksouth",
                Map.of("environment", "production"),
                new VirtualMachineDetails(osType, power, extensions, os, List.of(), null, null));
    }
}
