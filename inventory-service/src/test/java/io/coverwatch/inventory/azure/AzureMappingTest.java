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
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.WorkspaceSetting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
                PROD_SUBSCRIPTION, "prod-subscription", Map.of("env", "prod"), true, security, List.of(), null);

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

        AzureResource vm = AzureMapping.resource(row, List.of(mde), List.of(), List.of());
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

        AzureResource arc =
                AzureMapping.resource(AzureSamples.row(machine, machineId), extensions, List.of(), List.of());

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
                AzureMapping.resource(machine, List.of(), List.of(), List.of()).details());
        assertEquals("AWS", details.cloudProvider());
        assertNull(details.status(), "the official example leaves the status null");
        assertNull(details.lastStatusChange());
    }

    @Test
    void anAzureLocalClusterCarriesVersionAndStatus() {
        AzureResource cluster = AzureMapping.resource(
                AzureSamples.body("azurestackhci/clusters_get.json"), List.of(), List.of(), List.of());
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

        AzureResource storage = AzureMapping.resource(row, List.of(), List.of(), List.of());

        assertEquals("microsoft.storage/storageaccounts", storage.type());
        assertEquals("prodlogs01", storage.name());
        assertInstanceOf(GenericDetails.class, storage.details());
        assertEquals(Map.of(), storage.tags());
    }

    @Test
    void aMachineCarriesTheRulesOfItsAssociationsAndItsExtensionsButNotTheEndpointAssociation() {
        // The association list sample belongs to myVm: a rule association and the configurationAccessEndpoint one.
        String myVm = "/subscriptions/703362b3-f278-4e4b-9179-c76eaf41ffc2/resourceGroups/myResourceGroup/providers/"
                + "Microsoft.Compute/virtualMachines/myVm";
        List<JsonNode> associations = list("insights/datacollectionruleassociations_list_by_resource.json");
        JsonNode ama = AzureSamples.vmExtension(
                myVm,
                "AzureMonitorWindowsAgent",
                "Microsoft.Azure.Monitor",
                "AzureMonitorWindowsAgent",
                "Succeeded",
                "Plugin enabled");
        ObjectNode vm = AzureSamples.row(AzureSamples.body("compute/virtualmachines_get.json"), myVm.toLowerCase());

        List<AzureMapping.MappedResource> mapped = AzureMapping.resources(List.of(vm, ama), associations, List.of());

        assertEquals(1, mapped.size(), "the extension is folded into its VM, associations are no resources");
        VirtualMachineDetails details = assertInstanceOf(
                VirtualMachineDetails.class, mapped.get(0).resource().details());
        assertEquals(
                List.of("/subscriptions/703362b3-f278-4e4b-9179-c76eaf41ffc2/resourceGroups/myResourceGroup/providers/"
                        + "Microsoft.Insights/dataCollectionRules/myCollectionRule"),
                details.dataCollectionRuleIds());
        assertEquals(
                List.of("AzureMonitorWindowsAgent"),
                details.extensions().stream().map(VmExtension::name).toList());
        assertEquals(
                myVm,
                AzureMapping.associatedResourceId(associations.get(0).path("id").asText()));
        assertNull(AzureMapping.associatedResourceId(myVm));
    }

    @Test
    void anArcMachineCarriesTheRulesOfItsAssociationsToo() {
        String machineId = "/subscriptions/" + PROD_SUBSCRIPTION
                + "/resourceGroups/onprem-rg/providers/Microsoft.HybridCompute/machines/onprem-sql-01";
        String rule = "/subscriptions/" + PROD_SUBSCRIPTION
                + "/resourceGroups/monitor-rg/providers/Microsoft.Insights/dataCollectionRules/security-events";

        AzureResource arc = AzureMapping.resources(
                        List.of(AzureSamples.row(AzureSamples.body("hybridcompute/machines_get.json"), machineId)),
                        List.of(AzureSamples.dcrAssociation(machineId, "security-events-association", rule)),
                        List.of())
                .get(0)
                .resource();

        assertEquals(
                List.of(rule),
                assertInstanceOf(ArcMachineDetails.class, arc.details()).dataCollectionRuleIds());
    }

    @Test
    void aDataCollectionRuleIsItsOwnKindWithLevelAndWorkspace() {
        String id = "/subscriptions/" + PROD_SUBSCRIPTION
                + "/resourceGroups/monitor-rg/providers/Microsoft.Insights/dataCollectionRules/security-events";
        ObjectNode row = AzureSamples.dataCollectionRule(id, "Security!*");
        row.put("type", "microsoft.insights/datacollectionrules");

        AzureResource rule = AzureMapping.resource(row, List.of(), List.of(), List.of());

        assertEquals(AzureMapping.DATA_COLLECTION_RULE_TYPE, rule.type());
        assertEquals(
                new DataCollectionRuleDetails(
                        DataCollectionRuleDetails.ALL,
                        "/subscriptions/703362b3-f278-4e4b-9179-c76eaf41ffc2/resourceGroups/myResourceGroup/providers/"
                                + "Microsoft.OperationalInsights/workspaces/centralTeamWorkspace"),
                rule.details());
    }

    @Test
    void mcsbCountsWhenItsInitiativeIsAssignedToTheSubscriptionItself() {
        String mcsb = "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8";
        ObjectNode assigned = AzureSamples.policyAssignment(PROD_SUBSCRIPTION, "SecurityCenterBuiltIn", mcsb);
        ObjectNode onOneResourceGroup = AzureSamples.policyAssignment(PROD_SUBSCRIPTION, "mcsb-prod-rg", mcsb);
        ((ObjectNode) onOneResourceGroup.path("properties"))
                .put("scope", "/subscriptions/" + PROD_SUBSCRIPTION + "/resourceGroups/prod-rg");
        // The official example as it is: a naming policy, no benchmark.
        ObjectNode naming = AzureSamples.row(
                AzureSamples.body("policy/policyassignments_get.json"),
                "/subscriptions/" + PROD_SUBSCRIPTION
                        + "/providers/Microsoft.Authorization/policyAssignments/EnforceNaming");

        assertTrue(AzureMapping.mcsbAssigned(PROD_SUBSCRIPTION, List.of(naming, assigned)));
        assertFalse(AzureMapping.mcsbAssigned(PROD_SUBSCRIPTION, List.of(naming)));
        assertFalse(AzureMapping.mcsbAssigned(PROD_SUBSCRIPTION, List.of(onOneResourceGroup)));
        assertFalse(AzureMapping.mcsbAssigned("22222222-2222-2222-2222-222222222222", List.of(assigned)));

        SubscriptionDetails details = assertInstanceOf(
                SubscriptionDetails.class,
                AzureMapping.subscription(PROD_SUBSCRIPTION, "prod", Map.of(), true, List.of(), List.of(assigned), null)
                        .details());
        assertEquals(true, details.mcsbAssigned());
        assertNull(details.workspace(), "workspace settings that could not be read stay unknown");
    }

    @Test
    void theWorkspaceIsTheOneScopedToTheSubscriptionAndSentinelIsItsSecurityInsightsSolution() {
        List<JsonNode> settings = list("security/workspacesettings_list.json");
        String workspace1 = "/subscriptions/c4930e90-cd72-4aa5-93e9-2d081d129569/resourceGroups/myRg/providers/"
                + "Microsoft.OperationalInsights/workspaces/myWorkspace1";

        assertEquals(
                new WorkspaceSetting(workspace1, false, false),
                AzureMapping.workspaceSetting(PROD_SUBSCRIPTION, settings, Set.of()));

        Set<String> sentinel = AzureMapping.sentinelWorkspaceIds(List.of(
                AzureSamples.sentinelSolution(
                        "/subscriptions/c4930e90-cd72-4aa5-93e9-2d081d129569/resourceGroups/myRg", workspace1),
                AzureSamples.row(
                        AzureSamples.body("operationsmanagement/solutions_get.json"),
                        "/subscriptions/c4930e90-cd72-4aa5-93e9-2d081d129569/resourceGroups/myRg/providers/"
                                + "Microsoft.OperationsManagement/solutions/Updates(myWorkspace2)")));
        assertEquals(Set.of(workspace1.toLowerCase()), sentinel, "only a SecurityInsights solution means Sentinel");
        assertEquals(
                new WorkspaceSetting(workspace1, false, true),
                AzureMapping.workspaceSetting(PROD_SUBSCRIPTION, settings, sentinel));
    }

    @Test
    void withoutASubscriptionSettingDefenderUsesItsDefaultWorkspace() {
        assertEquals(
                new WorkspaceSetting(null, true, false),
                AzureMapping.workspaceSetting(PROD_SUBSCRIPTION, List.of(), Set.of()));
        // Only the resource-group setting of the official list: the subscription itself has none.
        assertEquals(
                new WorkspaceSetting(null, true, false),
                AzureMapping.workspaceSetting(
                        PROD_SUBSCRIPTION,
                        List.of(list("security/workspacesettings_list.json").get(1)),
                        Set.of()));

        ObjectNode namedDefault =
                (ObjectNode) list("security/workspacesettings_list.json").get(0);
        String defaultWorkspace = "/subscriptions/" + PROD_SUBSCRIPTION + "/resourceGroups/DefaultResourceGroup-WEU/"
                + "providers/Microsoft.OperationalInsights/workspaces/DefaultWorkspace-" + PROD_SUBSCRIPTION + "-WEU";
        ((ObjectNode) namedDefault.path("properties")).put("workspaceId", defaultWorkspace);
        assertEquals(
                new WorkspaceSetting(defaultWorkspace, true, false),
                AzureMapping.workspaceSetting(PROD_SUBSCRIPTION, List.of(namedDefault), Set.of()));
    }

    private static final String PROD_WEB_01 = "/subscriptions/" + PROD_SUBSCRIPTION
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";
    private static final String DENY_EXTENSIONS = "/subscriptions/" + PROD_SUBSCRIPTION
            + "/providers/Microsoft.Authorization/policyAssignments/deny-vm-extensions";

    private static ObjectNode prodWeb01() {
        return AzureSamples.row(AzureSamples.body("compute/virtualmachines_get.json"), PROD_WEB_01);
    }

    @Test
    void aMachineWhoseExtensionADenyPolicyRefusesNamesTheAssignment() {
        ObjectNode ama = AzureSamples.vmExtension(
                PROD_WEB_01,
                "AzureMonitorWindowsAgent",
                "Microsoft.Azure.Monitor",
                "AzureMonitorWindowsAgent",
                "Succeeded",
                "Plugin enabled");

        VirtualMachineDetails vm = (VirtualMachineDetails) AzureMapping.resources(
                        List.of(prodWeb01(), ama),
                        List.of(),
                        List.of(AzureSamples.policyState(
                                PROD_WEB_01 + "/extensions/AzureMonitorWindowsAgent", DENY_EXTENSIONS, "deny")))
                .get(0)
                .resource()
                .details();

        assertEquals(DENY_EXTENSIONS, vm.extensionPolicyAssignmentId());
        assertEquals(Boolean.TRUE, vm.extensionPolicyDenied());
    }

    @Test
    void anAuditPolicyOrAnotherMachinesDenialNamesNothing() {
        String otherVm = PROD_WEB_01.replace("prod-web-01", "prod-web-02");

        VirtualMachineDetails vm = (VirtualMachineDetails) AzureMapping.resources(
                        List.of(prodWeb01()),
                        List.of(),
                        List.of(
                                AzureSamples.policyState(PROD_WEB_01, DENY_EXTENSIONS, "audit"),
                                AzureSamples.policyState(otherVm, DENY_EXTENSIONS, "deny")))
                .get(0)
                .resource()
                .details();

        assertNull(vm.extensionPolicyAssignmentId());
        assertNull(vm.extensionPolicyDenied(), "no denial seen is not the same as none");
    }

    @Test
    void aRequestDisallowedByPolicyErrorNamesTheAssignmentBeforeAnyPolicyState() {
        String arcId = "/subscriptions/" + PROD_SUBSCRIPTION
                + "/resourceGroups/onprem-rg/providers/Microsoft.HybridCompute/machines/onprem-sql-01";
        String namedInError = "/subscriptions/" + PROD_SUBSCRIPTION
                + "/resourceGroups/onprem-rg/providers/Microsoft.Authorization/policyAssignments/no-extensions";
        ObjectNode mde = AzureSamples.vmExtension(
                arcId,
                "MDE.Windows",
                "Microsoft.Azure.AzureDefenderForServers",
                "MDE.Windows",
                "Failed",
                "Resource 'MDE.Windows' was disallowed by policy. Policy identifiers: "
                        + "'[{\"policyAssignment\":{\"name\":\"Deny extensions on servers\",\"id\":\""
                        + namedInError + "\"},\"policyDefinition\":{\"name\":\"Only approved VM extensions"
                        + " should be installed\",\"id\":\"/providers/Microsoft.Authorization/policyDefinitions/"
                        + "c0e996f8-39cf-4af9-9f45-83fbde810432\"}}]'.");
        mde.put("type", "microsoft.hybridcompute/machines/extensions");

        ArcMachineDetails arc = (ArcMachineDetails) AzureMapping.resources(
                        List.of(AzureSamples.row(AzureSamples.body("hybridcompute/machines_get.json"), arcId), mde),
                        List.of(),
                        List.of(AzureSamples.policyState(arcId, DENY_EXTENSIONS, "deny")))
                .get(0)
                .resource()
                .details();

        assertEquals(namedInError, arc.extensionPolicyAssignmentId());
    }

    @Test
    void anErrorMessageWithItsQuotesEscapedOnceMoreStillNamesTheAssignment() {
        assertEquals(
                DENY_EXTENSIONS,
                AzureMapping.disallowingAssignment("RequestDisallowedByPolicy: Policy identifiers: "
                        + "'[{\\\"policyAssignment\\\":{\\\"name\\\":\\\"deny\\\",\\\"id\\\":\\\""
                        + DENY_EXTENSIONS + "\\\"}}]'"));
        assertNull(AzureMapping.disallowingAssignment("Enable failed: the onboarding endpoint cannot be reached"));
    }
}
