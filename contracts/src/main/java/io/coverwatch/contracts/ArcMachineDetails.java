package io.coverwatch.contracts;

import java.time.Instant;
import java.util.List;

/**
 * An Azure Arc-enabled server ({@code Microsoft.HybridCompute/machines}), in AWS, GCP or on premises.
 *
 * @param status           {@code Connected}, {@code Disconnected} or {@code Expired}
 * @param cloudProvider    {@code AWS}, {@code GCP} or {@code N/A} (on premises); null when unknown
 * @param dataCollectionRuleIds the data collection rules associated with the machine
 * @param extensionPolicyAssignmentId the ARM ID of the policy assignment that denies the Defender extensions here;
 *                                    null when none does or it cannot be told
 */
public record ArcMachineDetails(
        String status,
        Instant lastStatusChange,
        String osType,
        OperatingSystem os,
        String agentVersion,
        String cloudProvider,
        List<VmExtension> extensions,
        List<String> dataCollectionRuleIds,
        String extensionPolicyAssignmentId)
        implements ResourceDetails {

    public ArcMachineDetails {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        dataCollectionRuleIds = dataCollectionRuleIds == null ? List.of() : List.copyOf(dataCollectionRuleIds);
    }

    /** A machine described before inventory named the denying policy assignment. */
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
}
