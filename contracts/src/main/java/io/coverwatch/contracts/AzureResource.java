package io.coverwatch.contracts;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The full current state of one Azure resource as inventory last saw it. Carried whole on
 * {@link Topics#RESOURCES} so a consumer can rebuild its view from the compacted topic alone.
 *
 * @param id      the ARM resource ID, as Azure spells it
 * @param type    the ARM resource type, for example {@code Microsoft.Compute/virtualMachines}
 * @param details what is known about this kind of resource; {@link GenericDetails} for kinds without a model
 * @param azureLocalInstanceId the Azure Local instance this resource belongs to; null for most resources
 */
public record AzureResource(
        String id,
        String type,
        String name,
        String subscriptionId,
        String resourceGroup,
        String location,
        Map<String, String> tags,
        ResourceDetails details,
        String azureLocalInstanceId) {

    public static final String SUBSCRIPTION_TYPE = "Microsoft.Resources/subscriptions";
    public static final String ARC_MACHINE_TYPE = "Microsoft.HybridCompute/machines";
    public static final String AZURE_LOCAL_INSTANCE_TYPE = "Microsoft.AzureStackHCI/clusters";
    public static final String VIRTUAL_MACHINE_TYPE = "Microsoft.Compute/virtualMachines";

    public AzureResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        details = details == null ? new GenericDetails() : details;
    }

    /** A resource that belongs to no Azure Local instance. */
    public AzureResource(
            String id,
            String type,
            String name,
            String subscriptionId,
            String resourceGroup,
            String location,
            Map<String, String> tags,
            ResourceDetails details) {
        this(id, type, name, subscriptionId, resourceGroup, location, tags, details, null);
    }

    /** ARM IDs are case-insensitive: this is the form used for keys and lookups. */
    public static String normalizeId(String resourceId) {
        return resourceId.toLowerCase(Locale.ROOT);
    }

    /** The ARM ID of a subscription. */
    public static String subscriptionResourceId(String subscriptionId) {
        return "/subscriptions/" + subscriptionId;
    }

    public boolean isType(String armType) {
        return type.equalsIgnoreCase(armType);
    }

    /** The same resource with other details. */
    public AzureResource withDetails(ResourceDetails newDetails) {
        return new AzureResource(
                id, type, name, subscriptionId, resourceGroup, location, tags, newDetails, azureLocalInstanceId);
    }
}
