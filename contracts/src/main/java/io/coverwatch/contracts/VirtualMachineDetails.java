package io.coverwatch.contracts;

import java.util.List;

/**
 * An Azure VM: enough to tell whether its agents can be present and healthy.
 *
 * @param osType                 {@code Windows} or {@code Linux}
 * @param powerState             the instance view's power state code, for example {@code PowerState/running}
 * @param os                     image and version, enough to recognise Windows Server 2012 R2 or Linux without systemd
 * @param dataCollectionRuleIds  the data collection rules associated with the VM
 * @param outboundToAzureMonitor whether the VM can reach the AzureMonitor service tag; null when it cannot be told
 * @param extensionPolicyDenied  whether a policy denies VM extensions here; null when it cannot be told
 * @param extensionPolicyAssignmentId the ARM ID of the policy assignment that denies the Defender extensions here;
 *                               null when none does or it cannot be told
 */
public record VirtualMachineDetails(
        String osType,
        String powerState,
        List<VmExtension> extensions,
        OperatingSystem os,
        List<String> dataCollectionRuleIds,
        Boolean outboundToAzureMonitor,
        Boolean extensionPolicyDenied,
        String extensionPolicyAssignmentId)
        implements ResourceDetails {

    public VirtualMachineDetails {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        dataCollectionRuleIds = dataCollectionRuleIds == null ? List.of() : List.copyOf(dataCollectionRuleIds);
    }

    /** A VM described before inventory named the denying policy assignment. */
    public VirtualMachineDetails(
            String osType,
            String powerState,
            List<VmExtension> extensions,
            OperatingSystem os,
            List<String> dataCollectionRuleIds,
            Boolean outboundToAzureMonitor,
            Boolean extensionPolicyDenied) {
        this(
                osType,
                powerState,
                extensions,
                os,
                dataCollectionRuleIds,
                outboundToAzureMonitor,
                extensionPolicyDenied,
                null);
    }

    /** A VM of which only the power state and extensions are known. */
    public VirtualMachineDetails(String osType, String powerState, List<VmExtension> extensions) {
        this(osType, powerState, extensions, null, List.of(), null, null);
    }

    public VirtualMachineDetails withPowerState(String newPowerState) {
        return new VirtualMachineDetails(
                osType,
                newPowerState,
                extensions,
                os,
                dataCollectionRuleIds,
                outboundToAzureMonitor,
                extensionPolicyDenied,
                extensionPolicyAssignmentId);
    }

    public VirtualMachineDetails withExtensions(List<VmExtension> newExtensions) {
        return new VirtualMachineDetails(
                osType,
                powerState,
                newExtensions,
                os,
                dataCollectionRuleIds,
                outboundToAzureMonitor,
                extensionPolicyDenied,
                extensionPolicyAssignmentId);
    }

    public VirtualMachineDetails withDataCollectionRuleIds(List<String> newRuleIds) {
        return new VirtualMachineDetails(
                osType,
                powerState,
                extensions,
                os,
                newRuleIds,
                outboundToAzureMonitor,
                extensionPolicyDenied,
                extensionPolicyAssignmentId);
    }

    public VirtualMachineDetails withExtensionPolicyDenied(Boolean denied) {
        return new VirtualMachineDetails(
                osType,
                powerState,
                extensions,
                os,
                dataCollectionRuleIds,
                outboundToAzureMonitor,
                denied,
                extensionPolicyAssignmentId);
    }
}
