package io.coverwatch.remediation.inventory;

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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the remediation catalog needs to know of a resource, read from inventory's record of it. */
public final class InventoryFacts {

    private InventoryFacts() {}

    /**
     * @param configuredRule the data collection rule Coverwatch associates; null when none is configured
     */
    public static ResourceFacts of(AzureResource resource, String configuredRule) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return machine(
                    resource,
                    MachineHost.AZURE_VM,
                    vm.osType(),
                    vm.os(),
                    vmPowerState(vm.powerState()),
                    vm.extensions(),
                    vm.dataCollectionRuleIds(),
                    vm.extensionPolicyAssignmentId(),
                    configuredRule);
        }
        if (resource.details() instanceof ArcMachineDetails arc) {
            return machine(
                    resource,
                    MachineHost.ARC_MACHINE,
                    arc.osType(),
                    arc.os(),
                    arcPowerState(arc.status()),
                    arc.extensions(),
                    arc.dataCollectionRuleIds(),
                    arc.extensionPolicyAssignmentId(),
                    configuredRule);
        }
        return new ResourceFacts(
                resource.id(),
                resource.type(),
                null,
                resource.location(),
                null,
                null,
                null,
                null,
                resource.tags(),
                null,
                Set.copyOf(resource.details().dataCollectionRuleIds()),
                configuredRule,
                null);
    }

    /** A resource inventory has not reported (yet): only what the finding itself tells. */
    public static ResourceFacts unknown(String resourceId, Map<String, String> tags, String configuredRule) {
        return new ResourceFacts(
                resourceId, null, null, null, null, null, null, null, tags, null, null, configuredRule, null);
    }

    private static ResourceFacts machine(
            AzureResource resource,
            MachineHost host,
            String osTypeName,
            OperatingSystem os,
            PowerState power,
            List<VmExtension> extensions,
            List<String> ruleIds,
            String extensionPolicyAssignment,
            String configuredRule) {
        OsType osType = osType(osTypeName);
        return new ResourceFacts(
                resource.id(),
                resource.type(),
                host,
                resource.location(),
                osType,
                os == null ? null : os.name(),
                osSupport(osType, os),
                power,
                resource.tags(),
                agents(extensions),
                new HashSet<>(ruleIds),
                configuredRule,
                extensionPolicyAssignment);
    }

    private static OsType osType(String name) {
        if (name == null) {
            return null;
        }
        return name.equalsIgnoreCase("Windows") ? OsType.WINDOWS : OsType.LINUX;
    }

    /** Seed 001, failure 3: Windows Server 2012 R2 needs the legacy agent; Linux without systemd cannot run the AMA. */
    static OsSupport osSupport(OsType type, OperatingSystem os) {
        if (type == null || os == null) {
            return OsSupport.UNKNOWN;
        }
        if (type == OsType.LINUX) {
            return Boolean.FALSE.equals(os.systemd()) ? OsSupport.NO_SYSTEMD : OsSupport.SUPPORTED;
        }
        String described = String.join(" ", String.valueOf(os.name()), String.valueOf(os.imageSku()))
                .toLowerCase(Locale.ROOT)
                .replace('-', ' ');
        return described.contains("2012 r2") ? OsSupport.LEGACY_AGENT_ONLY : OsSupport.SUPPORTED;
    }

    private static PowerState vmPowerState(String code) {
        if (code == null) {
            return PowerState.UNKNOWN;
        }
        String state = code.toLowerCase(Locale.ROOT);
        if (state.endsWith("/running") || state.endsWith("/starting")) {
            return PowerState.RUNNING;
        }
        return state.endsWith("/stopped") || state.endsWith("/deallocated") || state.endsWith("/deallocating")
                ? PowerState.POWERED_OFF
                : PowerState.UNKNOWN;
    }

    private static PowerState arcPowerState(String status) {
        if (status == null) {
            return PowerState.UNKNOWN;
        }
        return status.equalsIgnoreCase("Connected") ? PowerState.RUNNING : PowerState.DISCONNECTED;
    }

    /** The agent extensions among a machine's extensions, by publisher and either OS's type. */
    private static Map<AgentInstall, ExtensionState> agents(List<VmExtension> extensions) {
        Map<AgentInstall, ExtensionState> agents = new EnumMap<>(AgentInstall.class);
        for (VmExtension extension : extensions) {
            for (AgentInstall agent : AgentInstall.values()) {
                if (agent.extension().matches(extension)) {
                    agents.put(agent, new ExtensionState(extension.name(), extension.provisioningState()));
                }
            }
        }
        return agents;
    }
}
