package io.coverwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An Azure tenant as Resource Graph holds it, for the onboard scenario: subscriptions of 1,000 resources each, most of
 * them VMs (one in five Linux) with the Azure Monitor Agent and MDE extensions, the rest storage accounts, SQL servers
 * and key vaults, and each subscription's Defender plans, some on and some off, so the coverage it should get is
 * known. Rows are made when asked for, in the shape the inventory's queries project: a type without a model in the
 * inventory comes without its properties, as {@code extend properties = iff(type in~ (...), properties,
 * dynamic(null))} leaves it.
 *
 * @param subscriptions how many subscriptions
 */
record Tenant(int subscriptions) {

    static final int RESOURCES_PER_SUBSCRIPTION = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTENSION_TYPE = "microsoft.compute/virtualmachines/extensions";
    private static final int LINUX_ONE_IN = 5;

    /**
     * The kinds of resource in each subscription, with the Defender plan that protects each. A plan is off in one
     * subscription of every {@code offInOneOf}, shifted by kind so that subscriptions differ in which plans are off.
     */
    enum Kind {
        VIRTUAL_MACHINE("Microsoft.Compute/virtualMachines", "VirtualMachines", "P2", 850, 4, "vm"),
        STORAGE_ACCOUNT("Microsoft.Storage/storageAccounts", "StorageAccounts", "DefenderForStorageV2", 50, 2, "st"),
        SQL_SERVER("Microsoft.Sql/servers", "SqlServers", null, 50, 3, "sql"),
        KEY_VAULT("Microsoft.KeyVault/vaults", "KeyVaults", "PerKeyVault", 50, 5, "kv");

        private final String armType;
        private final String plan;
        private final String subPlan;
        private final int perSubscription;
        private final int offInOneOf;
        private final String prefix;

        Kind(String armType, String plan, String subPlan, int perSubscription, int offInOneOf, String prefix) {
            this.armType = armType;
            this.plan = plan;
            this.subPlan = subPlan;
            this.perSubscription = perSubscription;
            this.offInOneOf = offInOneOf;
            this.prefix = prefix;
        }

        boolean planOn(int subscription) {
            return (subscription + ordinal()) % offInOneOf != 0;
        }

        /** As Resource Graph spells it: lower case. */
        String rowType() {
            return armType.toLowerCase(Locale.ROOT);
        }
    }

    /** The resources of one subscription that a Defender plan covers. */
    int covered(int subscription) {
        int covered = 0;
        for (Kind kind : Kind.values()) {
            covered += kind.planOn(subscription) ? kind.perSubscription : 0;
        }
        return covered;
    }

    static String subscriptionId(int subscription) {
        return String.format("5ca1ab1e-0000-4000-8000-%012d", subscription);
    }

    /** The subscription's index from its ID; -1 for a subscription not in the tenant. */
    int subscriptionIndex(String subscriptionId) {
        for (int subscription = 0; subscription < subscriptions; subscription++) {
            if (subscriptionId(subscription).equalsIgnoreCase(subscriptionId)) {
                return subscription;
            }
        }
        return -1;
    }

    /** The subscription as {@code GET /subscriptions} lists it; half are tagged production. */
    ObjectNode subscription(int subscription) {
        String id = subscriptionId(subscription);
        ObjectNode node = JSON.createObjectNode()
                .put("id", "/subscriptions/" + id)
                .put("authorizationSource", "RoleBased")
                .put("subscriptionId", id)
                .put("tenantId", "7e4a0b9c-0000-4000-8000-000000000001")
                .put("displayName", String.format("onboard-%03d", subscription))
                .put("state", "Enabled");
        node.putObject("subscriptionPolicies")
                .put("locationPlacementId", "Public_2014-09-01")
                .put("quotaId", "EnterpriseAgreement_2014-09-01")
                .put("spendingLimit", "Off");
        node.putObject("tags").put("env", subscription % 2 == 0 ? "prod" : "dev");
        return node;
    }

    /**
     * The rows of a Resource Graph table in one subscription: {@code resources} holds every resource with its machines'
     * extensions as rows of their own, {@code securityresources} the Defender plans and auto-provisioning; other
     * tables hold nothing here.
     */
    List<ObjectNode> rows(String table, int subscription) {
        List<ObjectNode> rows = new ArrayList<>();
        if (table.equals("resources")) {
            int index = 0;
            for (Kind kind : Kind.values()) {
                for (int i = 0; i < kind.perSubscription; i++, index++) {
                    if (kind == Kind.VIRTUAL_MACHINE) {
                        addMachine(rows, subscription, index);
                    } else {
                        rows.add(envelope(resourceId(subscription, kind, index), kind.rowType(), subscription));
                    }
                }
            }
        } else if (table.equals("securityresources")) {
            String scope = "/subscriptions/" + subscriptionId(subscription);
            for (Kind kind : Kind.values()) {
                boolean on = kind.planOn(subscription);
                ObjectNode pricing = JSON.createObjectNode()
                        .put("id", scope + "/providers/Microsoft.Security/pricings/" + kind.plan)
                        .put("name", kind.plan)
                        .put("type", "microsoft.security/pricings")
                        .put("subscriptionId", subscriptionId(subscription));
                ObjectNode properties = pricing.putObject("properties")
                        .put("pricingTier", on ? "Standard" : "Free")
                        .put("freeTrialRemainingTime", "PT0S");
                if (on) {
                    properties.put("enablementTime", "2025-03-01T08:00:00Z");
                    if (kind.subPlan != null) {
                        properties.put("subPlan", kind.subPlan);
                    }
                }
                rows.add(pricing);
            }
            ObjectNode autoProvisioning = JSON.createObjectNode()
                    .put("id", scope + "/providers/Microsoft.Security/autoProvisioningSettings/default")
                    .put("name", "default")
                    .put("type", "microsoft.security/autoprovisioningsettings")
                    .put("subscriptionId", subscriptionId(subscription));
            autoProvisioning.putObject("properties").put("autoProvision", "On");
            rows.add(autoProvisioning);
        }
        return rows;
    }

    /** A VM row as Resource Graph projects it (instance view under {@code extended}), then its two extensions. */
    private static void addMachine(List<ObjectNode> rows, int subscription, int index) {
        boolean linux = index % LINUX_ONE_IN == 0;
        String id = resourceId(subscription, Kind.VIRTUAL_MACHINE, index);
        String name = name(subscription, Kind.VIRTUAL_MACHINE, index);
        ObjectNode vm = envelope(id, Kind.VIRTUAL_MACHINE.rowType(), subscription);
        ObjectNode properties = vm.putObject("properties")
                .put(
                        "vmId",
                        UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8))
                                .toString())
                .put("provisioningState", "Succeeded")
                .put("timeCreated", "2025-02-11T09:30:00.0000000Z");
        properties.putObject("hardwareProfile").put("vmSize", "Standard_D4s_v5");
        ObjectNode storage = properties.putObject("storageProfile");
        storage.putObject("imageReference")
                .put("publisher", linux ? "Canonical" : "MicrosoftWindowsServer")
                .put("offer", linux ? "0001-com-ubuntu-server-jammy" : "WindowsServer")
                .put("sku", linux ? "22_04-lts-gen2" : "2022-datacenter-azure-edition")
                .put("version", "latest");
        ObjectNode osDisk = storage.putObject("osDisk")
                .put("osType", linux ? "Linux" : "Windows")
                .put("name", name + "_OsDisk_1")
                .put("createOption", "FromImage")
                .put("caching", "ReadWrite");
        osDisk.putObject("managedDisk").put("storageAccountType", "Premium_LRS");
        properties.putObject("osProfile").put("computerName", name).put("adminUsername", "azureadmin");
        properties
                .putObject("networkProfile")
                .putArray("networkInterfaces")
                .addObject()
                .put(
                        "id",
                        "/subscriptions/" + subscriptionId(subscription) + "/resourceGroups/" + resourceGroup(index)
                                + "/providers/Microsoft.Network/networkInterfaces/" + name + "-nic");
        ObjectNode instanceView = properties
                .putObject("extended")
                .putObject("instanceView")
                .put("computerName", name)
                .put("osName", linux ? "ubuntu" : "Windows Server 2022 Datacenter")
                .put("osVersion", linux ? "22.04" : "10.0.20348.2849");
        instanceView
                .putObject("powerState")
                .put("code", "PowerState/running")
                .put("level", "Info")
                .put("displayStatus", "VM running");
        rows.add(vm);
        rows.add(extension(
                vm, linux ? "AzureMonitorLinuxAgent" : "AzureMonitorWindowsAgent", "Microsoft.Azure.Monitor", "1.33"));
        rows.add(extension(vm, linux ? "MDE.Linux" : "MDE.Windows", "Microsoft.Azure.AzureDefenderForServers", "1.0"));
    }

    private static ObjectNode extension(ObjectNode vm, String type, String publisher, String version) {
        ObjectNode extension = JSON.createObjectNode()
                .put("id", vm.get("id").asText() + "/extensions/" + type)
                .put("name", type)
                .put("type", EXTENSION_TYPE)
                .put("location", vm.get("location").asText())
                .put("resourceGroup", vm.get("resourceGroup").asText())
                .put("subscriptionId", vm.get("subscriptionId").asText());
        extension.putObject("tags");
        extension
                .putObject("properties")
                .put("publisher", publisher)
                .put("type", type)
                .put("typeHandlerVersion", version)
                .put("autoUpgradeMinorVersion", true)
                .put("enableAutomaticUpgrade", true)
                .put("provisioningState", "Succeeded");
        return extension;
    }

    /** A row's envelope; a type without a model keeps only this, its properties null. */
    private static ObjectNode envelope(String id, String type, int subscription) {
        ObjectNode row = JSON.createObjectNode()
                .put("id", id)
                .put("name", id.substring(id.lastIndexOf('/') + 1))
                .put("type", type)
                .put("location", "westeurope")
                .put("resourceGroup", id.split("/")[4])
                .put("subscriptionId", subscriptionId(subscription));
        row.putObject("tags")
                .put("env", subscription % 2 == 0 ? "prod" : "dev")
                .put("costCenter", "cc-" + subscription);
        row.putNull("properties");
        return row;
    }

    private static String resourceId(int subscription, Kind kind, int index) {
        return "/subscriptions/" + subscriptionId(subscription) + "/resourceGroups/" + resourceGroup(index)
                + "/providers/" + kind.armType + "/" + name(subscription, kind, index);
    }

    /** Twenty resource groups per subscription, resources spread over them. */
    private static String resourceGroup(int index) {
        return String.format("rg-app-%02d", index % 20);
    }

    private static String name(int subscription, Kind kind, int index) {
        return String.format("%s%03d%04d", kind.prefix, subscription, index);
    }
}
