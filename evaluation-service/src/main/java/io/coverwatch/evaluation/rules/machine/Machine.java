package io.coverwatch.evaluation.rules.machine;

import io.coverwatch.contracts.AgentExtension;
import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.OperatingSystem;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.evaluation.rules.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules read of a machine, whether an Azure VM or an Arc-enabled server: one view so that every machine rule
 * is written once.
 *
 * @param powerState             a VM's power state code, for example {@code PowerState/running}; null for Arc machines
 * @param arcStatus              an Arc machine's {@code Connected}/{@code Disconnected}/{@code Expired}; null for VMs
 * @param outboundToAzureMonitor null when inventory cannot tell (always for Arc machines)
 * @param extensionPolicyDenied  null when inventory cannot tell (always for Arc machines)
 */
public record Machine(
        ResourceKind kind,
        String osType,
        OperatingSystem os,
        String powerState,
        String arcStatus,
        Instant lastStatusChange,
        List<VmExtension> extensions,
        List<String> dataCollectionRuleIds,
        Boolean outboundToAzureMonitor,
        Boolean extensionPolicyDenied) {

    private static final Set<String> OFF_POWER_STATES = Set.of("deallocated", "deallocating", "stopped", "stopping");
    private static final Set<String> DISCONNECTED_ARC_STATUSES = Set.of("disconnected", "expired");

    public Machine {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        dataCollectionRuleIds = dataCollectionRuleIds == null ? List.of() : List.copyOf(dataCollectionRuleIds);
    }

    /** The machine view of a resource; empty when it is not a machine or inventory has not described it yet. */
    public static Optional<Machine> of(AzureResource resource) {
        ResourceKind kind = ResourceKind.of(resource.type());
        if (!kind.isMachine()) {
            return Optional.empty();
        }
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return Optional.of(new Machine(
                    kind,
                    vm.osType(),
                    vm.os(),
                    vm.powerState(),
                    null,
                    null,
                    vm.extensions(),
                    vm.dataCollectionRuleIds(),
                    vm.outboundToAzureMonitor(),
                    vm.extensionPolicyDenied()));
        }
        if (resource.details() instanceof ArcMachineDetails arc) {
            return Optional.of(new Machine(
                    kind,
                    arc.osType(),
                    arc.os(),
                    null,
                    arc.status(),
                    arc.lastStatusChange(),
                    arc.extensions(),
                    arc.dataCollectionRuleIds(),
                    null,
                    null));
        }
        return Optional.empty();
    }

    /** A deallocated or stopped VM: its own state, not an agent failure. */
    public boolean poweredOff() {
        if (powerState == null) {
            return false;
        }
        String code = powerState.substring(powerState.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return OFF_POWER_STATES.contains(code);
    }

    /** A Disconnected or Expired Arc machine: its own state, not an agent failure. */
    public boolean disconnected() {
        return arcStatus != null && DISCONNECTED_ARC_STATUSES.contains(arcStatus.toLowerCase(Locale.ROOT));
    }

    public boolean windows() {
        return "Windows".equalsIgnoreCase(osType);
    }

    /** The first extension of this agent, if installed. */
    public Optional<VmExtension> extension(AgentExtension agent) {
        return extensions.stream().filter(agent::matches).findFirst();
    }

    /** Whether the agent's extension is installed and provisioned. */
    public boolean succeeded(AgentExtension agent) {
        return extension(agent)
                .map(extension -> "Succeeded".equalsIgnoreCase(extension.provisioningState()))
                .orElse(false);
    }

    /** Windows Server 2012 R2 (kernel 6.3): the seed says it needs the legacy MMA, not the Azure Monitor Agent. */
    public boolean windowsServer2012R2() {
        if (os == null || (osType != null && !windows())) {
            return false;
        }
        return contains(os.imageSku(), "2012-r2")
                || contains(os.name(), "2012 r2")
                || (windows() && os.version() != null && os.version().startsWith("6.3."));
    }

    /** A Linux machine known not to run systemd: the Azure Monitor Agent cannot run there. */
    public boolean linuxWithoutSystemd() {
        return !windows() && os != null && Boolean.FALSE.equals(os.systemd());
    }

    /** The agent that collects this machine's logs: the legacy MMA on Windows Server 2012 R2, else the AMA. */
    public AgentExtension logAgent() {
        return windowsServer2012R2() ? AgentExtension.LOG_ANALYTICS_AGENT : AgentExtension.AZURE_MONITOR_AGENT;
    }

    private static boolean contains(String value, String lowerCasePart) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCasePart);
    }
}
