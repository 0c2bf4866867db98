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
 */
public record ArcMachineDetails(
        @Size(max = 64) String status,
        Instant lastStatusChange,
        @Size(max = 64) String osType,
        @Valid OperatingSystem os,
        @Size(max = 64) String agentVersion,
        @Size(max = 64) String cloudProvider,
        @Size(max = 128) List<@NotNull @Valid VmExtension> extensions,
        @Size(max = 128) List<@NotNull @Size(max = 1024) String> dataCollectionRuleIds)
        implements ResourceDetails {

    public ArcMachineDetails {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        dataCollectionRuleIds = dataCollectionRuleIds == null ? List.of() : List.copyOf(dataCollectionRuleIds);
    }

    public ArcMachineDetails withStatus(String newStatus, Instant changedAt) {
        return new ArcMachineDetails(
                newStatus, changedAt, osType, os, agentVersion, cloudProvider, extensions, dataCollectionRuleIds);
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
                dataCollectionRuleIds);
    }

    public ArcMachineDetails withDataCollectionRuleIds(List<String> newRuleIds) {
        return new ArcMachineDetails(
                status, lastStatusChange, osType, os, agentVersion, cloudProvider, extensions, newRuleIds);
    }
}
