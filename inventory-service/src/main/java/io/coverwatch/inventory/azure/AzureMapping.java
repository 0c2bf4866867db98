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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    private AzureMapping() {}

    /** Whether a row is an extension of a VM or Arc machine, folded into its parent rather than kept alone. */
    public static boolean isExtension(JsonNode row) {
        String type = text(row, "type");
        return VM_EXTENSION_TYPE.equalsIgnoreCase(type) || ARC_EXTENSION_TYPE.equalsIgnoreCase(type);
    }

    /** The machine an extension belongs to: its ID up to {@code /extensions/}. */
    public static String extensionParentId(String extensionId) {
        int at = extensionId.toLowerCase(Locale.ROOT).lastIndexOf("/extensions/");
        return at < 0 ? extensionId : extensionId.substring(0, at);
    }

    /**
     * One resource row, with the extension rows of that resource (empty for kinds without extensions). VMs, Arc
     * machines and Azure Local instances get their own details; every other type is kept with {@link
     * GenericDetails}.
     */
    public static AzureResource resource(JsonNode row, List<JsonNode> extensionRows) {
        String id = text(row, "id");
        String type = canonicalType(text(row, "type"));
        JsonNode properties = row.path("properties");
        List<VmExtension> extensions =
                extensionRows.stream().map(AzureMapping::extension).toList();
        ResourceDetails details;
        String azureLocalInstanceId = null;
        if (AzureResource.VIRTUAL_MACHINE_TYPE.equalsIgnoreCase(type)) {
            details = virtualMachine(properties, extensions);
        } else if (AzureResource.ARC_MACHINE_TYPE.equalsIgnoreCase(type)) {
            details = arcMachine(properties, extensions);
            azureLocalInstanceId = text(properties, "parentClusterResourceId");
        } else if (AzureResource.AZURE_LOCAL_INSTANCE_TYPE.equalsIgnoreCase(type)) {
            details = azureLocalInstance(properties);
        } else {
            details = new GenericDetails();
        }
        return new AzureResource(
                id,
                type,
                firstNonNull(text(row, "name"), lastSegment(id)),
                firstNonNull(text(row, "subscriptionId"), idSegment(id, "subscriptions")),
                firstNonNull(text(row, "resourceGroup"), idSegment(id, "resourceGroups")),
                text(row, "location"),
                tags(row.path("tags")),
                details,
                azureLocalInstanceId);
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
     * A subscription with its Defender settings, from the subscription's security rows (pricings and
     * auto-provisioning settings; other rows and resource-level pricings are ignored).
     */
    public static AzureResource subscription(
            String subscriptionId,
            String displayName,
            Map<String, String> tags,
            boolean production,
            List<JsonNode> securityRows) {
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
                new SubscriptionDetails(displayName, plans, production, autoProvisioning, null, null));
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
        if (type == null) {
            return "unknown";
        }
        for (String known : List.of(
                AzureResource.VIRTUAL_MACHINE_TYPE,
                AzureResource.ARC_MACHINE_TYPE,
                AzureResource.AZURE_LOCAL_INSTANCE_TYPE)) {
            if (known.equalsIgnoreCase(type)) {
                return known;
            }
        }
        return type;
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
