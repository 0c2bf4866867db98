package io.coverwatch.remediation.catalog;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the catalog needs to know about a finding's resource beyond the finding itself, from inventory and settings.
 *
 * @param resourceId                   the ARM ID of the finding's resource (a subscription for plan findings)
 * @param resourceType                 its ARM type
 * @param host                         where its extensions live; null when it is not a VM or an Arc machine
 * @param location                     its Azure region, which an extension PUT must carry
 * @param osType                       null when unknown or not a machine
 * @param osName                       for example {@code Windows Server 2012 R2 Datacenter}, for the manual steps
 * @param extensions                   the agent extensions inventory saw on the machine
 * @param dataCollectionRuleIds        the data collection rules associated with the machine
 * @param configuredDataCollectionRule the rule Coverwatch is configured to associate; null when none is
 * @param extensionPolicyAssignment    the policy assignment that denies the Defender extensions; null when unknown
 */
public record ResourceFacts(
        String resourceId,
        String resourceType,
        MachineHost host,
        String location,
        OsType osType,
        String osName,
        OsSupport osSupport,
        PowerState powerState,
        Map<String, String> tags,
        Map<AgentInstall, ExtensionState> extensions,
        Set<String> dataCollectionRuleIds,
        String configuredDataCollectionRule,
        String extensionPolicyAssignment) {

    public ResourceFacts {
        Objects.requireNonNull(resourceId, "resourceId");
        osSupport = osSupport == null ? OsSupport.UNKNOWN : osSupport;
        powerState = powerState == null ? PowerState.UNKNOWN : powerState;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        extensions = extensions == null || extensions.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(extensions));
        dataCollectionRuleIds = dataCollectionRuleIds == null ? Set.of() : Set.copyOf(dataCollectionRuleIds);
    }

    /** A subscription, the resource of a plan or auto-provisioning finding. */
    public static ResourceFacts subscription(String subscriptionResourceId, Map<String, String> tags) {
        return new ResourceFacts(
                subscriptionResourceId,
                "Microsoft.Resources/subscriptions",
                null,
                null,
                null,
                null,
                null,
                null,
                tags,
                null,
                null,
                null,
                null);
    }

    /** A running machine with a supported OS and no agent extension yet. */
    public static ResourceFacts machine(
            String resourceId, MachineHost host, String location, OsType osType, String osName) {
        return new ResourceFacts(
                resourceId,
                host.armType(),
                host,
                location,
                osType,
                osName,
                OsSupport.SUPPORTED,
                PowerState.RUNNING,
                null,
                null,
                null,
                null,
                null);
    }

    public Optional<ExtensionState> extension(AgentInstall agent) {
        return Optional.ofNullable(extensions.get(agent));
    }

    public ResourceFacts withExtension(AgentInstall agent, ExtensionState state) {
        Map<AgentInstall, ExtensionState> more = new EnumMap<>(AgentInstall.class);
        more.putAll(extensions);
        more.put(agent, state);
        return new ResourceFacts(
                resourceId,
                resourceType,
                host,
                location,
                osType,
                osName,
                osSupport,
                powerState,
                tags,
                more,
                dataCollectionRuleIds,
                configuredDataCollectionRule,
                extensionPolicyAssignment);
    }

    public ResourceFacts withOs(String name, OsSupport support) {
        return new ResourceFacts(
                resourceId,
                resourceType,
                host,
                location,
                osType,
                name,
                support,
                powerState,
                tags,
                extensions,
                dataCollectionRuleIds,
                configuredDataCollectionRule,
                extensionPolicyAssignment);
    }

    public ResourceFacts withPowerState(PowerState state) {
        return new ResourceFacts(
                resourceId,
                resourceType,
                host,
                location,
                osType,
                osName,
                osSupport,
                state,
                tags,
                extensions,
                dataCollectionRuleIds,
                configuredDataCollectionRule,
                extensionPolicyAssignment);
    }

    public ResourceFacts withTags(Map<String, String> newTags) {
        return new ResourceFacts(
                resourceId,
                resourceType,
                host,
                location,
                osType,
                osName,
                osSupport,
                powerState,
                newTags,
                extensions,
                dataCollectionRuleIds,
                configuredDataCollectionRule,
                extensionPolicyAssignment);
    }

    public ResourceFacts withDataCollectionRules(Set<String> associated, String configured) {
        return new ResourceFacts(
                resourceId,
                resourceType,
                host,
                location,
                osType,
                osName,
                osSupport,
                powerState,
                tags,
                extensions,
                associated,
                configured,
                extensionPolicyAssignment);
    }

    public ResourceFacts withExtensionPolicyAssignment(String policyAssignmentId) {
        return new ResourceFacts(
                resourceId,
                resourceType,
                host,
                location,
                osType,
                osName,
                osSupport,
                powerState,
                tags,
                extensions,
                dataCollectionRuleIds,
                configuredDataCollectionRule,
                policyAssignmentId);
    }
}
