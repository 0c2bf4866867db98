package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import java.util.List;
import java.util.function.UnaryOperator;

/** Reading and changing the machine parts of a resource, the same way for Azure VMs and Arc machines. */
final class Machines {

    static final String RUNNING_POWER_STATE = "PowerState/running";
    static final String STOPPED_POWER_STATE = "PowerState/stopped";
    static final String CONNECTED = "Connected";
    static final String DISCONNECTED = "Disconnected";

    static final String AMA_PUBLISHER = "Microsoft.Azure.Monitor";
    static final List<String> AMA_TYPES = List.of("AzureMonitorWindowsAgent", "AzureMonitorLinuxAgent");
    static final String LEGACY_AGENT_PUBLISHER = "Microsoft.EnterpriseCloud.Monitoring";
    static final List<String> LEGACY_AGENT_TYPES = List.of("MicrosoftMonitoringAgent", "OmsAgentForLinux");
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    private Machines() {}

    static boolean isMachine(AzureResource resource) {
        return resource.details() instanceof VirtualMachineDetails || resource.details() instanceof ArcMachineDetails;
    }

    /** A VM that runs, or an Arc machine that is connected: one that can send heartbeats. */
    static boolean isRunning(AzureResource resource) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return RUNNING_POWER_STATE.equalsIgnoreCase(vm.powerState());
        }
        return resource.details() instanceof ArcMachineDetails arc && CONNECTED.equalsIgnoreCase(arc.status());
    }

    static String osType(AzureResource resource) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return vm.osType();
        }
        return resource.details() instanceof ArcMachineDetails arc ? arc.osType() : null;
    }

    static List<VmExtension> extensions(AzureResource resource) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return vm.extensions();
        }
        return resource.details() instanceof ArcMachineDetails arc ? arc.extensions() : List.of();
    }

    static List<String> dataCollectionRuleIds(AzureResource resource) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return vm.dataCollectionRuleIds();
        }
        return resource.details() instanceof ArcMachineDetails arc ? arc.dataCollectionRuleIds() : List.of();
    }

    /** The succeeded extension of one of these types from this publisher, if the machine has one. */
    static VmExtension succeeded(AzureResource resource, String publisher, List<String> types) {
        return extensions(resource).stream()
                .filter(extension -> types.stream().anyMatch(type -> extension.is(publisher, type)))
                .filter(extension -> SUCCEEDED.equalsIgnoreCase(extension.provisioningState()))
                .findFirst()
                .orElse(null);
    }

    static boolean isAzureMonitorAgent(VmExtension extension) {
        return AMA_TYPES.stream().anyMatch(type -> extension.is(AMA_PUBLISHER, type));
    }

    static AzureResource withExtensions(AzureResource resource, UnaryOperator<List<VmExtension>> change) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return resource.withDetails(vm.withExtensions(change.apply(vm.extensions())));
        }
        ArcMachineDetails arc = arc(resource);
        return resource.withDetails(arc.withExtensions(change.apply(arc.extensions())));
    }

    static AzureResource withDataCollectionRules(AzureResource resource, UnaryOperator<List<String>> change) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return resource.withDetails(vm.withDataCollectionRuleIds(change.apply(vm.dataCollectionRuleIds())));
        }
        ArcMachineDetails arc = arc(resource);
        return resource.withDetails(arc.withDataCollectionRuleIds(change.apply(arc.dataCollectionRuleIds())));
    }

    private static ArcMachineDetails arc(AzureResource resource) {
        if (resource.details() instanceof ArcMachineDetails arc) {
            return arc;
        }
        throw new IllegalArgumentException(resource.id() + " is not a machine");
    }
}
