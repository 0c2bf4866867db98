package io.coverwatch.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * An Azure Arc-enabled server ({@code Microsoft.HybridCompute/machines}), in AWS, GCP or on premises.
 *
 * @param status           {@code Connected}, {@code Disconnected} or {@code Expired}
 * @param cloudProvider    {@code AWS}, {@code GCP} or {@code N/A} (on premises); null when unknown
 * @param dataCollectionRuleIds the data collection rules associated with the machine
 * @param extensionPolicyAssignmentId the policy assignment that denies extensions on the machine, when inventory
 *     knows one (its ARM ID); null otherwise
 */
public record ArcMachineDetails(
        @Size(max = 64) String status,
        Instant lastStatusChange,
        @Size(max = 64) String osType,
        @Valid OperatingSystem os,
        @Size(max = 64) String agentVersion,
        @Size(max = 64) String cloudProvider,
        @Size(max = 128) List<@NotNull @Valid VmExtension> extensions,
        @Size(max = 128) List<@NotNull @Size(max = 1024) String> dataCollectionRuleIds,
        @Size(max = 1024) String extensionPolicyAssignmentId)
        implements ResourceDetails {

    public ArcMachineDetails {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        dataCollectionRuleIds = dataCollectionRuleIds == null ? List.of() : List.copyOf(dataCollectionRuleIds);
    }

    /** A machine whose denying policy assignment, if any, is not known. */
    public ArcMachineDetails(
            String status,
            Instant lastStatusChange,
            String osType,
            OperatingSystem os,
            String agentVersion,
            String cloudProvider,
            List<VmExtension> extensions,
            List<String> dataCollectionRuleIds) {
        this(
                status,
                lastStatusChange,
                osType,
                os,
                agentVersion,
                cloudProvider,
                extensions,
                dataCollectionRuleIds,
                null);
    }

    public ArcMachineDetails withStatus(String newStatus, Instant changedAt) {
        return new ArcMachineDetails(
                newStatus,
                changedAt,
                osType,
                os,
                agentVersion,
                cloudProvider,
                extensions,
                dataCollectionRuleIds,
                extensionPolicyAssignmentId);
    }

    public ArcMachineDetails withExtensions(List<VmExtension> newExtensions) {
        return new ArcMachineDetails(
                status,
                lastStatusChange,
                osType,
                os,
                agentVersion,
                cloudProvider,
                newExtensions,
                dataCollectionRuleIds,
                extensionPolicyAssignmentId);
    }

    public ArcMachineDetails withDataCollectionRuleIds(List<String> newRuleIds) {
        return new ArcMachineDetails(
                status,
                lastStatusChange,
                osType,
                os,
                agentVersion,
                cloudProvider,
                extensions,
                newRuleIds,
                extensionPolicyAssignmentId);
    }

    public ArcMachineDetails withExtensionPolicyAssignment(String assignmentId) {
        return new ArcMachineDetails(
                status,
                lastStatusChange,
                osType,
                os,
                agentVersion,
                cloudProvider,
                extensions,
                dataCollectionRuleIds,
                assignmentId);
    }
}
