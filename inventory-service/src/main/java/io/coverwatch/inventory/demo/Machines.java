package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ResourceDetails;
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
            return withDetails(
                    resource,
                    new VirtualMachineDetails(
                            vm.osType(),
                            vm.powerState(),
                            change.apply(vm.extensions()),
                            vm.os(),
                            vm.dataCollectionRuleIds(),
                            vm.outboundToAzureMonitor(),
                            vm.extensionPolicyDenied()));
        }
        ArcMachineDetails arc = arc(resource);
        return withDetails(
                resource,
                new ArcMachineDetails(
                        arc.status(),
                        arc.lastStatusChange(),
                        arc.osType(),
                        arc.os(),
                        arc.agentVersion(),
                        arc.cloudProvider(),
                        change.apply(arc.extensions()),
                        arc.dataCollectionRuleIds()));
    }

    static AzureResource withDataCollectionRules(AzureResource resource, UnaryOperator<List<String>> change) {
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return withDetails(
                    resource,
                    new VirtualMachineDetails(
                            vm.osType(),
                            vm.powerState(),
                            vm.extensions(),
                            vm.os(),
                            change.apply(vm.dataCollectionRuleIds()),
                            vm.outboundToAzureMonitor(),
                            vm.extensionPolicyDenied()));
        }
        ArcMachineDetails arc = arc(resource);
        return withDetails(
                resource,
                new ArcMachineDetails(
                        arc.status(),
                        arc.lastStatusChange(),
                        arc.osType(),
                        arc.os(),
                        arc.agentVersion(),
                        arc.cloudProvider(),
                        arc.extensions(),
                        change.apply(arc.dataCollectionRuleIds())));
    }

    static AzureResource withDetails(AzureResource resource, ResourceDetails details) {
        return new AzureResource(
                resource.id(),
                resource.type(),
                resource.name(),
                resource.subscriptionId(),
                resource.resourceGroup(),
                resource.location(),
                resource.tags(),
                details,
                resource.azureLocalInstanceId());
    }

    private static ArcMachineDetails arc(AzureResource resource) {
        if (resource.details() instanceof ArcMachineDetails arc) {
            return arc;
        }
        throw new IllegalArgumentException(resource.id() + " is not a machine");
    }
}
