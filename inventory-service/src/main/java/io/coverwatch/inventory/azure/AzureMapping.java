package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureLocalInstanceDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.OperatingSystem;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.ResourceDetails;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.WorkspaceSetting;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Pure mapping from ARM / Resource Graph JSON to the contract model. A Resource Graph row has the ARM shape ({@code
 * id, name, type, location, tags, properties}) plus {@code subscriptionId} and {@code resourceGroup}; both are taken
 * from the ID when a row lacks them, so single ARM GET payloads map the same way.
 */
public final class AzureMapping {

    public static final String VM_EXTENSION_TYPE = "Microsoft.Compute/virtualMachines/extensions";
    public static final String ARC_EXTENSION_TYPE = "Microsoft.HybridCompute/machines/extensions";
    public static final String PRICING_TYPE = "Microsoft.Security/pricings";
    public static final String AUTO_PROVISIONING_TYPE = "Microsoft.Security/autoProvisioningSettings";
    public static final String DATA_COLLECTION_RULE_TYPE = "Microsoft.Insights/dataCollectionRules";
    public static final String DATA_COLLECTION_RULE_ASSOCIATION_TYPE =
            "Microsoft.Insights/dataCollectionRuleAssociations";
    public static final String POLICY_ASSIGNMENT_TYPE = "Microsoft.Authorization/policyAssignments";
    public static final String POLICY_STATE_TYPE = "Microsoft.PolicyInsights/policyStates";
    public static final String SOLUTION_TYPE = "Microsoft.OperationsManagement/solutions";

    /** The Microsoft cloud security benchmark initiative, Defender for Cloud's default policy set. */
    public static final String MCSB_INITIATIVE = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

    /** Microsoft Sentinel on a workspace is the solution {@code SecurityInsights(<workspace name>)}. */
    static final String SENTINEL_SOLUTION_PREFIX = "SecurityInsights(";

    /** Defender for Cloud names the workspaces it creates {@code DefaultWorkspace-<subscription>-<region>}. */
    static final String DEFAULT_WORKSPACE_PREFIX = "DefaultWorkspace-";

    private static final String ASSOCIATIONS_SEGMENT = "/providers/" + DATA_COLLECTION_RULE_ASSOCIATION_TYPE + "/";

    /**
     * The assignment a {@code RequestDisallowedByPolicy} error names: Azure lists the policy identifiers as JSON in
     * the message ({@code Policy identifiers: '[{"policyAssignment":{"name":…,"id":"…"},"policyDefinition":…}]'}),
     * sometimes with its quotes escaped once more.
     */
    private static final Pattern DISALLOWING_ASSIGNMENT = Pattern.compile(
            "policyAssignment\\\\?\"\\s*:\\s*\\{[^{}]*?\\\\?\"id\\\\?\"\\s*:\\s*\\\\?\""
                    + "(/[^\"\\\\]*/providers/Microsoft\\.Authorization/policyAssignments/[^\"\\\\]+)",
            Pattern.CASE_INSENSITIVE);

    /**
     * What the rows folded into a resource add to it: machine extensions, associated data collection rules, and the
     * policy assignment that denies extensions on it (null when none is known).
     */
    private record Children(
            List<VmExtension> extensions, List<String> dataCollectionRuleIds, String extensionPolicyAssignmentId) {}

    /** How the properties of a modelled type become its details. */
    private interface DetailsMapping {
        ResourceDetails details(JsonNode properties, Children children);
    }

    /** The modelled types, keyed lower-case; every other type is kept with {@link GenericDetails}. */
    private static final Map<String, DetailsMapping> DETAILS = Map.of(
            lower(AzureResource.VIRTUAL_MACHINE_TYPE),
            (properties, children) -> {
                VirtualMachineDetails vm = virtualMachine(properties, children.extensions())
                        .withDataCollectionRuleIds(children.dataCollectionRuleIds());
                return children.extensionPolicyAssignmentId() == null
                        ? vm
                        : vm.withExtensionPolicyAssignment(children.extensionPolicyAssignmentId());
            },
            lower(AzureResource.ARC_MACHINE_TYPE),
            (properties, children) -> arcMachine(properties, children.extensions())
                    .withDataCollectionRuleIds(children.dataCollectionRuleIds())
                    .withExtensionPolicyAssignment(children.extensionPolicyAssignmentId()),
            lower(AzureResource.AZURE_LOCAL_INSTANCE_TYPE),
            (properties, children) -> azureLocalInstance(properties),
            lower(DATA_COLLECTION_RULE_TYPE),
            (properties, children) -> DataCollectionRules.details(properties));

    /** The modelled types as ARM spells them, keyed lower-case (Resource Graph lower-cases types). */
    private static final Map<String, String> CANONICAL_TYPES = Map.of(
            lower(AzureResource.VIRTUAL_MACHINE_TYPE), AzureResource.VIRTUAL_MACHINE_TYPE,
            lower(AzureResource.ARC_MACHINE_TYPE), AzureResource.ARC_MACHINE_TYPE,
            lower(AzureResource.AZURE_LOCAL_INSTANCE_TYPE), AzureResource.AZURE_LOCAL_INSTANCE_TYPE,
            lower(DATA_COLLECTION_RULE_TYPE), DATA_COLLECTION_RULE_TYPE);

    private AzureMapping() {}

    /** A resource mapped from its Resource Graph row, with the row kept as the raw payload. */
    public record MappedResource(AzureResource resource, JsonNode row) {}

    /**
     * Resource rows with their extension rows folded into their machines and the data collection rules of the
     * association rows ({@code insightresources}) onto the resources they are associated with, and each machine's
     * denying policy assignment ({@link #extensionPolicyAssignment}) from its extensions and the policy state rows.
     * Extension rows are never resources of their own; a data collection endpoint association (no {@code
     * dataCollectionRuleId}) adds nothing.
     */
    public static List<MappedResource> resources(
            List<JsonNode> resourceRows, List<JsonNode> associationRows, List<JsonNode> policyStateRows) {
        Map<String, List<JsonNode>> extensions = new HashMap<>();
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode row : resourceRows) {
            if (isExtension(row)) {
                extensions
                        .computeIfAbsent(lower(extensionParentId(text(row, "id"))), parent -> new ArrayList<>())
                        .add(row);
            } else {
                others.add(row);
            }
        }
        Map<String, List<String>> rules = new HashMap<>();
        for (JsonNode association : associationRows) {
            String ruleId = text(association.path("properties"), "dataCollectionRuleId");
            String associated = associatedResourceId(text(association, "id"));
            if (ruleId != null && associated != null) {
                List<String> ids = rules.computeIfAbsent(lower(associated), resource -> new ArrayList<>());
                if (!ids.contains(ruleId)) {
                    ids.add(ruleId);
                }
            }
        }
        Map<String, List<String>> denyingAssignments = denyingAssignments(policyStateRows);
        return others.stream()
                .map(row -> {
                    String key = lower(text(row, "id"));
                    return new MappedResource(
                            resource(
                                    row,
                                    extensions.getOrDefault(key, List.of()),
                                    rules.getOrDefault(key, List.of()),
                                    denyingAssignments.getOrDefault(key, List.of())),
                            row);
                })
                .toList();
    }

    /**
     * The assignments of deny policies that a machine or one of its extensions does not comply with, by the machine
     * (lower-cased ID): policy state rows ({@code policyresources}, {@code microsoft.policyinsights/policystates})
     * that are {@code NonCompliant} with effect {@code deny}, in the order the rows come.
     */
    static Map<String, List<String>> denyingAssignments(List<JsonNode> policyStateRows) {
        Map<String, List<String>> byMachine = new HashMap<>();
        for (JsonNode row : policyStateRows) {
            JsonNode state = row.path("properties");
            String assignmentId = text(state, "policyAssignmentId");
            String resourceId = text(state, "resourceId");
            if (POLICY_STATE_TYPE.equalsIgnoreCase(text(row, "type"))
                    && "NonCompliant".equalsIgnoreCase(text(state, "complianceState"))
                    && "deny".equalsIgnoreCase(text(state, "policyDefinitionAction"))
                    && assignmentId != null
                    && resourceId != null) {
                List<String> assignments =
                        byMachine.computeIfAbsent(lower(extensionParentId(resourceId)), machine -> new ArrayList<>());
                if (!assignments.contains(assignmentId)) {
                    assignments.add(assignmentId);
                }
            }
        }
        return byMachine;
    }

    /**
     * The policy assignment that denies extensions on a machine: the one a failed extension's {@code
     * RequestDisallowedByPolicy} error names (what Azure refused is the surest sign), else the first deny assignment
     * the machine does not comply with; null when neither says.
     */
    static String extensionPolicyAssignment(List<VmExtension> extensions, List<String> denyingAssignments) {
        for (VmExtension extension : extensions) {
            String named = disallowingAssignment(extension.statusMessage());
            if (named != null) {
                return named;
            }
        }
        return denyingAssignments.isEmpty() ? null : denyingAssignments.get(0);
    }

    /** The assignment ID a {@code RequestDisallowedByPolicy} message names; null when it names none. */
    static String disallowingAssignment(String message) {
        if (message == null) {
            return null;
        }
        Matcher assignment = DISALLOWING_ASSIGNMENT.matcher(message);
        return assignment.find() ? assignment.group(1) : null;
    }

    /** Whether a row is an extension of a VM or Arc machine, folded into its parent rather than kept alone. */
    public static boolean isExtension(JsonNode row) {
        String type = text(row, "type");
        return VM_EXTENSION_TYPE.equalsIgnoreCase(type) || ARC_EXTENSION_TYPE.equalsIgnoreCase(type);
    }

    /** The machine an extension belongs to: its ID up to {@code /extensions/}. */
    public static String extensionParentId(String extensionId) {
        int at = lower(extensionId).lastIndexOf("/extensions/");
        return at < 0 ? extensionId : extensionId.substring(0, at);
    }

    /**
     * The resource a data collection rule association belongs to: its ID up to {@code
     * /providers/Microsoft.Insights/dataCollectionRuleAssociations/}; null when the ID is not an association's.
     */
    public static String associatedResourceId(String associationId) {
        if (associationId == null) {
            return null;
        }
        int at = lower(associationId).lastIndexOf(lower(ASSOCIATIONS_SEGMENT));
        return at < 0 ? null : associationId.substring(0, at);
    }

    /**
     * One resource row, with the extension rows of that resource, the data collection rules associated with it and
     * the deny assignments it does not comply with (all empty for kinds that have none). Modelled types get their
     * own details; every other type is kept with {@link GenericDetails}.
     */
    public static AzureResource resource(
            JsonNode row,
            List<JsonNode> extensionRows,
            List<String> dataCollectionRuleIds,
            List<String> denyingAssignments) {
        String id = text(row, "id");
        String type = canonicalType(text(row, "type"));
        JsonNode properties = row.path("properties");
        List<VmExtension> extensions =
                extensionRows.stream().map(AzureMapping::extension).toList();
        Children children = new Children(
                extensions, dataCollectionRuleIds, extensionPolicyAssignment(extensions, denyingAssignments));
        DetailsMapping mapping = DETAILS.get(lower(type));
        return new AzureResource(
                id,
                type,
                firstNonNull(text(row, "name"), lastSegment(id)),
                firstNonNull(text(row, "subscriptionId"), idSegment(id, "subscriptions")),
                firstNonNull(text(row, "resourceGroup"), idSegment(id, "resourceGroups")),
                text(row, "location"),
                tags(row.path("tags")),
                mapping == null ? new GenericDetails() : mapping.details(properties, children),
                AzureResource.ARC_MACHINE_TYPE.equals(type) ? text(properties, "parentClusterResourceId") : null);
    }

    /**
     * VM details from its properties: OS type and image from the storage profile, power state and OS name from the
     * instance view (Resource Graph's {@code properties.extended.instanceView}, or the {@code instanceView} of a GET
     * with {@code $expand=instanceView}).
     */
    static VirtualMachineDetails virtualMachine(JsonNode properties, List<VmExtension> extensions) {
        JsonNode image = properties.path("storageProfile").path("imageReference");
        JsonNode instanceView = properties.path("extended").path("instanceView");
        if (instanceView.isMissingNode()) {
            instanceView = properties.path("instanceView");
        }
        OperatingSystem os = new OperatingSystem(
                text(instanceView, "osName"),
                text(instanceView, "osVersion"),
                text(image, "publisher"),
                text(image, "offer"),
                text(image, "sku"),
                null);
        String osType = firstNonNull(
                text(properties.path("storageProfile").path("osDisk"), "osType"), text(instanceView, "osType"));
        return new VirtualMachineDetails(osType, powerState(instanceView), extensions, os, List.of(), null, null);
    }

    /**
     * The power state code of a VM instance view, for example {@code PowerState/running}: Resource Graph's {@code
     * powerState.code}, else the {@code PowerState/} entry of the ARM instance view's statuses; null when unknown.
     */
    public static String powerState(JsonNode instanceView) {
        String code = text(instanceView.path("powerState"), "code");
        if (code != null) {
            return code;
        }
        for (JsonNode status : instanceView.path("statuses")) {
            String statusCode = text(status, "code");
            if (statusCode != null && statusCode.regionMatches(true, 0, "PowerState/", 0, "PowerState/".length())) {
                return statusCode;
            }
        }
        return null;
    }

    static ArcMachineDetails arcMachine(JsonNode properties, List<VmExtension> extensions) {
        OperatingSystem os = new OperatingSystem(
                firstNonNull(text(properties, "osName"), text(properties, "osSku")),
                text(properties, "osVersion"),
                null,
                null,
                text(properties, "osSku"),
                null);
        String cloudProvider = text(properties.path("cloudMetadata"), "provider");
        if (cloudProvider == null) {
            cloudProvider = textIgnoreCase(properties.path("detectedProperties"), "cloudprovider");
        }
        return new ArcMachineDetails(
                text(properties, "status"),
                instant(text(properties, "lastStatusChange")),
                text(properties, "osType"),
                os,
                text(properties, "agentVersion"),
                cloudProvider,
                extensions,
                List.of());
    }

    /** Azure Local instance: the cluster version Azure reports, and its status (for example ConnectedRecently). */
    static AzureLocalInstanceDetails azureLocalInstance(JsonNode properties) {
        return new AzureLocalInstanceDetails(
                text(properties.path("reportedProperties"), "clusterVersion"), text(properties, "status"));
    }

    /**
     * A VM or Arc machine extension row. The status message is the instance view's (Compute: first of {@code
     * statuses}; HybridCompute: {@code status}).
     */
    public static VmExtension extension(JsonNode row) {
        JsonNode properties = row.path("properties");
        JsonNode instanceView = properties.path("instanceView");
        JsonNode status = instanceView.path("status");
        if (status.isMissingNode() || status.isNull()) {
            status = instanceView.path("statuses").path(0);
        }
        return new VmExtension(
                firstNonNull(lastSegment(text(row, "id")), text(row, "name")),
                text(properties, "publisher"),
                firstNonNull(text(properties, "type"), text(instanceView, "type")),
                firstNonNull(text(properties, "typeHandlerVersion"), text(instanceView, "typeHandlerVersion")),
                text(properties, "provisioningState"),
                text(status, "message"));
    }

    /** A subscription-level {@code Microsoft.Security/pricings} row. Only extensions with isEnabled "True" count. */
    public static DefenderPlan defenderPlan(JsonNode pricing) {
        JsonNode properties = pricing.path("properties");
        List<String> extensions = new ArrayList<>();
        for (JsonNode extension : properties.path("extensions")) {
            if (isTrue(extension.path("isEnabled"))) {
                extensions.add(text(extension, "name"));
            }
        }
        PricingTier tier =
                "Standard".equalsIgnoreCase(text(properties, "pricingTier")) ? PricingTier.STANDARD : PricingTier.FREE;
        return new DefenderPlan(
                firstNonNull(text(pricing, "name"), lastSegment(text(pricing, "id"))),
                tier,
                text(properties, "subPlan"),
                extensions);
    }

    /** A {@code Microsoft.Security/autoProvisioningSettings} row: on when {@code autoProvision} is "On". */
    public static AutoProvisioningSetting autoProvisioning(JsonNode setting) {
        return new AutoProvisioningSetting(
                firstNonNull(text(setting, "name"), lastSegment(text(setting, "id"))),
                "On".equalsIgnoreCase(text(setting.path("properties"), "autoProvision")));
    }

    /**
     * A subscription with its Defender settings: the security rows (pricings and auto-provisioning settings; other
     * rows and resource-level pricings are ignored), whether the Microsoft cloud security benchmark is assigned to
     * it ({@link #mcsbAssigned}), and Defender's workspace (null when it could not be read).
     */
    public static AzureResource subscription(
            String subscriptionId,
            String displayName,
            Map<String, String> tags,
            boolean production,
            List<JsonNode> securityRows,
            List<JsonNode> policyRows,
            WorkspaceSetting workspace) {
        List<DefenderPlan> plans = new ArrayList<>();
        List<AutoProvisioningSetting> autoProvisioning = new ArrayList<>();
        for (JsonNode row : securityRows) {
            String type = text(row, "type");
            if (PRICING_TYPE.equalsIgnoreCase(type) && isSubscriptionScope(text(row, "id"))) {
                plans.add(defenderPlan(row));
            } else if (AUTO_PROVISIONING_TYPE.equalsIgnoreCase(type)) {
                autoProvisioning.add(autoProvisioning(row));
            }
        }
        return new AzureResource(
                AzureResource.subscriptionResourceId(subscriptionId),
                AzureResource.SUBSCRIPTION_TYPE,
                displayName,
                subscriptionId,
                null,
                null,
                tags,
                new SubscriptionDetails(
                        displayName,
                        plans,
                        production,
                        autoProvisioning,
                        mcsbAssigned(subscriptionId, policyRows),
                        workspace));
    }

    /**
     * Whether a policy assignment of the Microsoft cloud security benchmark initiative (policy definition ID ending
     * in {@value #MCSB_INITIATIVE}) has the subscription itself as its scope. An assignment to one resource group
     * covers only part of the subscription and does not count.
     */
    static boolean mcsbAssigned(String subscriptionId, List<JsonNode> policyRows) {
        String subscriptionScope = AzureResource.subscriptionResourceId(subscriptionId);
        return policyRows.stream()
                .filter(row -> POLICY_ASSIGNMENT_TYPE.equalsIgnoreCase(text(row, "type")))
                .filter(row -> {
                    String definition = text(row.path("properties"), "policyDefinitionId");
                    return definition != null && lower(definition).endsWith("/" + MCSB_INITIATIVE);
                })
                .anyMatch(row -> subscriptionScope.equalsIgnoreCase(firstNonNull(
                        trimSlash(text(row.path("properties"), "scope")), assignmentScope(text(row, "id")))));
    }

    /**
     * Defender for Cloud's workspace for a subscription, from its {@code Microsoft.Security/workspaceSettings} list.
     * The setting whose scope is the subscription names a custom workspace; without one, Defender sends to the
     * default workspaces it creates ({@code DefaultWorkspace-<subscription>-<region>}, one per region), and a setting
     * naming such a workspace is the default too. Settings scoped to a resource group are ignored.
     *
     * <p>Sentinel is recognised by its {@code SecurityInsights(<workspace>)} solution on the workspace: {@code
     * sentinelWorkspaceIds} are the workspaces that have one. It cannot be told for the default workspaces (which
     * one of them?), nor for a workspace whose solution the identity cannot read: both read as no Sentinel.
     */
    public static WorkspaceSetting workspaceSetting(
            String subscriptionId, List<JsonNode> workspaceSettings, Set<String> sentinelWorkspaceIds) {
        String subscriptionScope = AzureResource.subscriptionResourceId(subscriptionId);
        String workspaceId = workspaceSettings.stream()
                .filter(setting ->
                        subscriptionScope.equalsIgnoreCase(trimSlash(text(setting.path("properties"), "scope"))))
                .map(setting -> text(setting.path("properties"), "workspaceId"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        if (workspaceId == null) {
            return new WorkspaceSetting(null, true, false);
        }
        boolean defaultWorkspace = lower(lastSegment(workspaceId)).startsWith(lower(DEFAULT_WORKSPACE_PREFIX));
        return new WorkspaceSetting(workspaceId, defaultWorkspace, sentinelWorkspaceIds.contains(lower(workspaceId)));
    }

    /** The workspaces (lower-cased ARM IDs) that Microsoft Sentinel is on, from {@code SecurityInsights} solutions. */
    public static Set<String> sentinelWorkspaceIds(List<JsonNode> solutionRows) {
        return solutionRows.stream()
                .filter(row -> SOLUTION_TYPE.equalsIgnoreCase(text(row, "type")))
                .filter(row -> firstNonNull(text(row, "name"), "")
                        .regionMatches(true, 0, SENTINEL_SOLUTION_PREFIX, 0, SENTINEL_SOLUTION_PREFIX.length()))
                .map(row -> text(row.path("properties"), "workspaceResourceId"))
                .filter(Objects::nonNull)
                .map(AzureMapping::lower)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Production by tag: {@code env} or {@code environment} is {@code prod} or {@code production}. */
    public static boolean productionByTag(Map<String, String> tags) {
        return tags.entrySet().stream()
                .anyMatch(tag ->
                        (tag.getKey().equalsIgnoreCase("env") || tag.getKey().equalsIgnoreCase("environment"))
                                && (tag.getValue().equalsIgnoreCase("prod")
                                        || tag.getValue().equalsIgnoreCase("production")));
    }

    /** Tags of a row; null or non-object tags are no tags. */
    public static Map<String, String> tags(JsonNode tags) {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags != null && tags.isObject()) {
            tags.fields()
                    .forEachRemaining(
                            tag -> result.put(tag.getKey(), tag.getValue().asText()));
        }
        return result;
    }

    /** Resource Graph lower-cases types; the contract spells the modelled ones as ARM does. */
    static String canonicalType(String type) {
        return type == null ? "unknown" : CANONICAL_TYPES.getOrDefault(lower(type), type);
    }

    private static boolean isSubscriptionScope(String pricingId) {
        return pricingId == null || idSegment(pricingId, "resourceGroups") == null;
    }

    /** "True"/"False" strings (and real booleans, should the API ever send them). */
    static boolean isTrue(JsonNode flag) {
        return flag.isBoolean() ? flag.booleanValue() : "True".equalsIgnoreCase(flag.asText());
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static String textIgnoreCase(JsonNode node, String field) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(field) && !entry.getValue().isNull()) {
                return entry.getValue().asText();
            }
        }
        return null;
    }

    /** The value after {@code /segment/} in an ARM ID, compared case-insensitively; null when absent. */
    static String idSegment(String id, String segment) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equalsIgnoreCase(segment)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    /** The scope of a policy assignment: its ID up to {@code /providers/Microsoft.Authorization/}. */
    private static String assignmentScope(String assignmentId) {
        if (assignmentId == null) {
            return null;
        }
        int at = lower(assignmentId).indexOf("/providers/microsoft.authorization/");
        return at < 0 ? null : assignmentId.substring(0, at);
    }

    private static String trimSlash(String scope) {
        return scope != null && scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
    }

    static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String lastSegment(String id) {
        if (id == null) {
            return null;
        }
        int at = id.lastIndexOf('/');
        return at < 0 ? id : id.substring(at + 1);
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
