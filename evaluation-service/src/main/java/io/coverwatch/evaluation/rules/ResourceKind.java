package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderPlan;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The resource kinds the rules know, from the ARM type, with the Defender plan that protects each (DESIGN.md §3). */
public enum ResourceKind {
    SUBSCRIPTION("Microsoft.Resources/subscriptions", null),
    VIRTUAL_MACHINE("Microsoft.Compute/virtualMachines", DefenderPlan.SERVERS),
    /** Azure Arc-enabled servers: AWS, GCP, on-premises, and Azure Local machines. */
    ARC_MACHINE("Microsoft.HybridCompute/machines", DefenderPlan.SERVERS),
    /** Azure Local VMs enabled by Azure Arc. */
    AZURE_LOCAL_VM("Microsoft.AzureStackHCI/virtualMachineInstances", DefenderPlan.SERVERS),
    SQL_SERVER("Microsoft.Sql/servers", "SqlServers"),
    SQL_VIRTUAL_MACHINE("Microsoft.SqlVirtualMachine/sqlVirtualMachines", "SqlServerVirtualMachines"),
    STORAGE_ACCOUNT("Microsoft.Storage/storageAccounts", "StorageAccounts"),
    KEY_VAULT("Microsoft.KeyVault/vaults", "KeyVaults"),
    AKS_CLUSTER("Microsoft.ContainerService/managedClusters", "Containers"),
    APP_SERVICE("Microsoft.Web/sites", "AppServices"),
    /** An Azure Local instance: recommendations only, no plan of its own. */
    AZURE_LOCAL_INSTANCE("Microsoft.AzureStackHCI/clusters", null),
    DATA_COLLECTION_RULE("Microsoft.Insights/dataCollectionRules", null),
    /** Any other ARM type: no Defender plan protects it, a blind spot. */
    OTHER(null, null);

    private static final Map<String, ResourceKind> BY_TYPE = Arrays.stream(values())
            .filter(kind -> kind.armType != null)
            .collect(Collectors.toUnmodifiableMap(kind -> kind.armType.toLowerCase(Locale.ROOT), Function.identity()));

    private final String armType;
    private final String defenderPlan;

    ResourceKind(String armType, String defenderPlan) {
        this.armType = armType;
        this.defenderPlan = defenderPlan;
    }

    /** The kind of an ARM type, compared case-insensitively; {@link #OTHER} for a type without a model. */
    public static ResourceKind of(String armType) {
        return armType == null ? OTHER : BY_TYPE.getOrDefault(armType.toLowerCase(Locale.ROOT), OTHER);
    }

    /** The kind of the resource an ARM resource ID names; {@link #OTHER} when the ID names no type with a model. */
    public static ResourceKind ofResourceId(String resourceId) {
        return AzureResource.typeOf(resourceId).map(ResourceKind::of).orElse(OTHER);
    }

    /** The ARM type; empty for {@link #OTHER}. */
    public Optional<String> armType() {
        return Optional.ofNullable(armType);
    }

    /** The {@code Microsoft.Security/pricings} name of the plan that protects this kind; empty when none does. */
    public Optional<String> defenderPlan() {
        return Optional.ofNullable(defenderPlan);
    }

    /** Machines are what Defender for Servers protects and what agents run on. */
    public boolean isMachine() {
        return DefenderPlan.SERVERS.equals(defenderPlan);
    }
}
