package io.coverwatch.bench;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.OperatingSystem;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.WorkspaceSetting;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A synthetic estate in the shape of the seeds' healthy prod-db-01, multiplied: production subscriptions with every
 * plan on, one data collection rule (security events: Common, to the Sentinel workspace) per subscription, and Windows
 * VMs with the Azure Monitor Agent, MDE and the rule associated. Every machine is monitored; the only findings the
 * estate can have are the ones a benchmark causes (an agent stopped, an extension removed).
 *
 * @param machines               how many VMs in all
 * @param machinesPerSubscription how many VMs each subscription holds
 */
record Estate(int machines, int machinesPerSubscription) {

    static final String DCR_NAME = "dcr-security-events-common";
    private static final OperatingSystem WINDOWS_SERVER_2022 = new OperatingSystem(
            "Windows Server 2022 Datacenter",
            "10.0.20348",
            "MicrosoftWindowsServer",
            "WindowsServer",
            "2022-datacenter-azure-edition",
            null);
    private static final VmExtension AMA = new VmExtension(
            "AzureMonitorWindowsAgent",
            "Microsoft.Azure.Monitor",
            "AzureMonitorWindowsAgent",
            "1.0",
            "Succeeded",
            null);
    private static final VmExtension MDE = new VmExtension(
            "MDE.Windows", "Microsoft.Azure.AzureDefenderForServers", "MDE.Windows", "1.0", "Succeeded", null);

    int subscriptions() {
        return (machines + machinesPerSubscription - 1) / machinesPerSubscription;
    }

    static String subscriptionId(int subscription) {
        return String.format("00000000-0000-0000-0000-%012d", subscription);
    }

    String subscriptionOf(int machine) {
        return subscriptionId(machine / machinesPerSubscription);
    }

    static String computer(int machine) {
        return String.format("vm-%07d", machine);
    }

    String machineId(int machine) {
        return "/subscriptions/" + subscriptionOf(machine) + "/resourceGroups/bench-rg/providers/"
                + AzureResource.VIRTUAL_MACHINE_TYPE + "/" + computer(machine);
    }

    /** The machine's index from its resource ID (any case). */
    static int machineIndex(String resourceId) {
        return Integer.parseInt(resourceId.substring(resourceId.lastIndexOf("vm-") + 3));
    }

    static String dataCollectionRuleId(String subscriptionId) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/monitoring-rg/providers/"
                + "Microsoft.Insights/dataCollectionRules/" + DCR_NAME;
    }

    static String workspaceId(String subscriptionId) {
        return "/subscriptions/" + subscriptionId
                + "/resourceGroups/soc-rg/providers/Microsoft.OperationalInsights/workspaces/soc-sentinel";
    }

    static AzureResource subscription(int subscription) {
        String id = subscriptionId(subscription);
        SubscriptionDetails details = new SubscriptionDetails(
                "bench-subscription-" + subscription,
                List.of(
                        plan("VirtualMachines", "P2"),
                        plan("SqlServers", null),
                        plan("SqlServerVirtualMachines", null),
                        plan("StorageAccounts", "DefenderForStorageV2"),
                        plan("KeyVaults", "PerKeyVault"),
                        plan("Containers", null),
                        plan("AppServices", null),
                        plan("CloudPosture", null)),
                true,
                List.of(
                        new AutoProvisioningSetting("default", true),
                        new AutoProvisioningSetting("AzureMonitorAgent", true),
                        new AutoProvisioningSetting("MdeSensor", true)),
                true,
                new WorkspaceSetting(workspaceId(id), false, true));
        return new AzureResource(
                AzureResource.subscriptionResourceId(id),
                AzureResource.SUBSCRIPTION_TYPE,
                details.displayName(),
                id,
                null,
                null,
                Map.of(),
                details);
    }

    static AzureResource dataCollectionRule(int subscription) {
        String id = subscriptionId(subscription);
        return new AzureResource(
                dataCollectionRuleId(id),
                "Microsoft.Insights/dataCollectionRules",
                DCR_NAME,
                id,
                "monitoring-rg",
                "westeurope",
                Map.of(),
                new DataCollectionRuleDetails(DataCollectionRuleDetails.COMMON, workspaceId(id)));
    }

    /** A monitored machine: AMA and MDE succeeded, the subscription's rule associated, running. */
    AzureResource machine(int machine) {
        return machine(machine, List.of(AMA, MDE));
    }

    /** The same machine after someone removed its Azure Monitor Agent extension. */
    AzureResource machineWithoutAgent(int machine) {
        return machine(machine, List.of(MDE));
    }

    private AzureResource machine(int machine, List<VmExtension> extensions) {
        String subscription = subscriptionOf(machine);
        return new AzureResource(
                machineId(machine),
                AzureResource.VIRTUAL_MACHINE_TYPE,
                computer(machine),
                subscription,
                "bench-rg",
                "westeurope",
                Map.of("env", "prod"),
                new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        extensions,
                        WINDOWS_SERVER_2022,
                        List.of(dataCollectionRuleId(subscription)),
                        true,
                        false));
    }

    /** One Azure Monitor Agent heartbeat of a machine, as inventory puts it on the heartbeats topic. */
    EncodedEvent heartbeat(int machine, Instant time) {
        AgentHeartbeat heartbeat = new AgentHeartbeat(
                machineId(machine),
                computer(machine),
                AgentHeartbeat.AZURE_MONITOR_AGENT,
                "Windows",
                "1.33.2",
                null,
                time,
                null);
        return CloudEventCodec.encode(
                new CloudEvent<>(UUID.randomUUID().toString(), "/coverwatch/inventory-service/bench", time, heartbeat));
    }

    private static DefenderPlan plan(String name, String subPlan) {
        return new DefenderPlan(name, PricingTier.STANDARD, subPlan);
    }
}
