package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The estate the Azure tests serve from {@link FakeAzure}, made of the official examples: prod-subscription (Defender
 * plans, auto-provisioning, the MCSB assignment, a custom workspace with Sentinel) with prod-web-01 (AMA healthy, MDE
 * failed, associated with the security-events rule), onprem-sql-01 on the Azure Local instance hci-cluster-01,
 * prodlogs01 and the security-events data collection rule (Common); and dev-subscription, which the identity may
 * not read.
 */
final class ProdEstate {

    static final String PROD_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    static final String DEV_SUBSCRIPTION = "22222222-2222-2222-2222-222222222222";
    static final String SAMPLE_PROD_SUBSCRIPTION = "20ff7fc3-e762-44dd-bd96-b71116dcdc23";
    static final String SAMPLE_DEV_SUBSCRIPTION = "d34fd44c-ebfa-4a9c-bceb-9eeafe72ac15";

    static final String PROD_RG = "/subscriptions/" + PROD_SUBSCRIPTION + "/resourceGroups/prod-rg/providers/";
    static final String PROD_WEB_01 = PROD_RG + "Microsoft.Compute/virtualMachines/prod-web-01";
    static final String ONPREM_SQL_01 = PROD_RG + "Microsoft.HybridCompute/machines/onprem-sql-01";
    static final String HCI_CLUSTER_01 = PROD_RG + "Microsoft.AzureStackHCI/clusters/hci-cluster-01";
    static final String PROD_LOGS = PROD_RG + "Microsoft.Storage/storageAccounts/prodlogs01";
    static final String SECURITY_EVENTS = PROD_RG + "Microsoft.Insights/dataCollectionRules/security-events";
    static final String DEV_WEB_01 = "/subscriptions/" + DEV_SUBSCRIPTION
            + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-web-01";

    /** The assignment Defender for Cloud makes of the Microsoft cloud security benchmark. */
    static final String MCSB_ASSIGNMENT = "/subscriptions/" + PROD_SUBSCRIPTION
            + "/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn";

    /** The workspace of the official workspace settings example (in a SOC subscription of its own). */
    static final String SOC_WORKSPACE = "/subscriptions/c4930e90-cd72-4aa5-93e9-2d081d129569/resourceGroups/myRg/"
            + "providers/Microsoft.OperationalInsights/workspaces/myWorkspace1";

    private ProdEstate() {}

    static void serve(FakeAzure fake) {
        fake.subscription(PROD_SUBSCRIPTION, "prod-subscription", "prod");
        fake.subscription(DEV_SUBSCRIPTION, "dev-subscription", "dev");

        // Defender plans and auto-provisioning: the official list examples, moved into our subscriptions.
        for (JsonNode pricing : AzureSamples.body("security/pricings_list.json").path("value")) {
            String id = pricing.path("id")
                    .asText()
                    .replace(SAMPLE_PROD_SUBSCRIPTION, PROD_SUBSCRIPTION)
                    .replace(SAMPLE_DEV_SUBSCRIPTION, DEV_SUBSCRIPTION);
            fake.security(AzureSamples.row((ObjectNode) pricing, id));
        }
        for (JsonNode setting :
                AzureSamples.body("security/autoprovisioningsettings_list.json").path("value")) {
            fake.security(AzureSamples.row(
                    (ObjectNode) setting,
                    setting.path("id").asText().replace(SAMPLE_PROD_SUBSCRIPTION, PROD_SUBSCRIPTION)));
        }

        // prod-web-01: the Compute GET example with the instance view Resource Graph adds, AMA healthy, MDE failed.
        ObjectNode vm = prodWeb01();
        fake.resources(
                vm,
                AzureSamples.vmExtension(
                        PROD_WEB_01,
                        "AzureMonitorWindowsAgent",
                        "Microsoft.Azure.Monitor",
                        "AzureMonitorWindowsAgent",
                        "Succeeded",
                        "Plugin enabled"),
                AzureSamples.vmExtension(
                        PROD_WEB_01,
                        "MDE.Windows",
                        "Microsoft.Azure.AzureDefenderForServers",
                        "MDE.Windows",
                        "Failed",
                        "Enable failed: the onboarding endpoint cannot be reached"));

        // onprem-sql-01: the HybridCompute example, connected, on the Azure Local instance hci-cluster-01.
        ObjectNode machine = AzureSamples.row(AzureSamples.body("hybridcompute/machines_get.json"), ONPREM_SQL_01);
        ((ObjectNode) machine.path("properties"))
                .put("status", "Connected")
                .put("lastStatusChange", "2026-11-23T06:00:00Z")
                .put("osType", "windows")
                .put("osName", "Windows Server 2022 Datacenter")
                .put("agentVersion", "1.45.02690.1742")
                .put("parentClusterResourceId", HCI_CLUSTER_01);
        fake.resources(machine);
        for (JsonNode extension :
                AzureSamples.body("hybridcompute/machineextensions_list.json").path("value")) {
            String name = extension.path("name").asText();
            fake.resources(AzureSamples.row((ObjectNode) extension, ONPREM_SQL_01 + "/extensions/" + name));
        }
        fake.resources(AzureSamples.row(AzureSamples.body("azurestackhci/clusters_get.json"), HCI_CLUSTER_01));

        ObjectNode storage = AzureSamples.JSON.createObjectNode();
        storage.put("type", "microsoft.storage/storageaccounts");
        storage.put("location", "westeurope");
        storage.putNull("properties");
        fake.resources(AzureSamples.row(storage, PROD_LOGS));

        ObjectNode devVm = AzureSamples.row(AzureSamples.body("compute/virtualmachines_get.json"), DEV_WEB_01);
        fake.resources(devVm);
        fake.forbid(DEV_SUBSCRIPTION);

        // The security-events rule (Common), and prod-web-01's association with it.
        ObjectNode rule = AzureSamples.dataCollectionRule(
                SECURITY_EVENTS, ConnectorQueries.common().toArray(String[]::new));
        rule.put("type", "microsoft.insights/datacollectionrules");
        fake.resources(rule);
        fake.associations(AzureSamples.dcrAssociation(PROD_WEB_01, "security-events", SECURITY_EVENTS));

        // MCSB assigned to prod-subscription, beside the official naming-policy example.
        fake.policies(
                AzureSamples.policyAssignment(
                        PROD_SUBSCRIPTION,
                        "SecurityCenterBuiltIn",
                        "/providers/Microsoft.Authorization/policySetDefinitions/" + AzureMapping.MCSB_INITIATIVE),
                AzureSamples.row(
                        AzureSamples.body("policy/policyassignments_get.json"),
                        "/subscriptions/" + PROD_SUBSCRIPTION
                                + "/providers/Microsoft.Authorization/policyAssignments/EnforceNaming"));

        // Defender sends to myWorkspace1 (the official workspace settings example), which has Sentinel.
        fake.workspaceSettings(PROD_SUBSCRIPTION, workspaceSettings());
        fake.resources(AzureSamples.sentinelSolution(
                SOC_WORKSPACE.substring(0, SOC_WORKSPACE.indexOf("/providers/")), SOC_WORKSPACE));
    }

    /** prod-web-01's row: the Compute GET example with the instance view Resource Graph adds, running. */
    static ObjectNode prodWeb01() {
        ObjectNode vm = AzureSamples.row(AzureSamples.body("compute/virtualmachines_get.json"), PROD_WEB_01);
        ((ObjectNode) vm.path("properties"))
                .putObject("extended")
                .set(
                        "instanceView",
                        AzureSamples.extendedInstanceView(
                                AzureSamples.body("compute/virtualmachines_get_instanceview.json")));
        vm.putObject("tags").put("env", "prod");
        return vm;
    }

    /** The official workspace settings list, moved into prod-subscription. */
    static ObjectNode workspaceSettings() {
        try {
            return (ObjectNode) AzureSamples.JSON.readTree(AzureSamples.body("security/workspacesettings_list.json")
                    .toString()
                    .replace(SAMPLE_PROD_SUBSCRIPTION, PROD_SUBSCRIPTION));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
