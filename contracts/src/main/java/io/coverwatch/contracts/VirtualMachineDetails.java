package io.coverwatch.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
 * @param extensionPolicyAssignmentId the policy assignment that denies the extensions, when inventory knows it (its
 *     ARM ID, {@code .../providers/Microsoft.Authorization/policyAssignments/<name>}); null otherwise
 */
public record VirtualMachineDetails(
        @Size(max = 64) String osType,
        @Size(max = 128) String powerState,
        @Size(max = 128) List<@NotNull @Valid VmExtension> extensions,
        @Valid OperatingSystem os,
        @Size(max = 128) List<@NotNull @Size(max = 1024) String> dataCollectionRuleIds,
        Boolean outboundToAzureMonitor,
        Boolean extensionPolicyDenied,
        @Size(max = 1024) String extensionPolicyAssignmentId)
        implements ResourceDetails {

    public VirtualMachineDetails {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        dataCollectionRuleIds = dataCollectionRuleIds == null ? List.of() : List.copyOf(dataCollectionRuleIds);
    }

    /** A VM of which only the power state and extensions are known. */
    public VirtualMachineDetails(String osType, String powerState, List<VmExtension> extensions) {
        this(osType, powerState, extensions, null, List.of(), null, null, null);
    }

    /** A VM whose denying policy assignment, if any, is not known. */
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

    /** Denied by this assignment: a named assignment is a denial. */
    public VirtualMachineDetails withExtensionPolicyAssignment(String assignmentId) {
        return new VirtualMachineDetails(
                osType, powerState, extensions, os, dataCollectionRuleIds, outboundToAzureMonitor, true, assignmentId);
    }
}
