package io.coverwatch.contracts;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The full current state of one Azure resource as inventory last saw it. Carried whole on
 * {@link Topics#RESOURCES} so a consumer can rebuild its view from the compacted topic alone.
 *
 * @param id      the ARM resource ID, as Azure spells it
 * @param type    the ARM resource type, for example {@code Microsoft.Compute/virtualMachines}
 * @param details what is known about this kind of resource; {@link GenericDetails} for kinds without a model
 * @param azureLocalInstanceId the Azure Local instance this resource belongs to; null for most resources
 */
@Schema(description = "The full current state of one Azure resource as inventory last saw it.")
public record AzureResource(
        @Schema(description = "The ARM resource ID, as Azure spells it.") String id,
        @Schema(description = "The ARM resource type, for example Microsoft.Compute/virtualMachines.") String type,
        @Schema(description = "The resource's name.") String name,
        @Schema(description = "The subscription the resource is in.") String subscriptionId,
        @Schema(description = "The resource group the resource is in.") String resourceGroup,
        @Schema(description = "The Azure region, for example westeurope.") String location,
        @Schema(description = "The resource's Azure tags.") Map<String, String> tags,
        @Schema(description = "What is known about this kind of resource, told apart by its kind.")
                ResourceDetails details,
        @Schema(description = "The Azure Local instance this resource belongs to; null for most resources.")
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

    /**
     * The ARM type an ARM resource ID names: the namespace and the type segments after its last {@code /providers/}
     * ({@code Microsoft.Compute/virtualMachines/extensions} for an extension), {@link #SUBSCRIPTION_TYPE} for a
     * subscription's ID, and empty for anything else (a resource group, a malformed ID).
     */
    public static Optional<String> typeOf(String resourceId) {
        String[] segments = resourceId.replaceAll("^/+|/+$", "").split("/");
        int providers = -1;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equalsIgnoreCase("providers")) {
                providers = i;
            }
        }
        if (providers < 0) {
            return segments.length == 2 && segments[0].equalsIgnoreCase("subscriptions")
                    ? Optional.of(SUBSCRIPTION_TYPE)
                    : Optional.empty();
        }
        if (providers + 1 >= segments.length) {
            return Optional.empty();
        }
        StringBuilder type = new StringBuilder(segments[providers + 1]);
        for (int i = providers + 2; i < segments.length; i += 2) {
            type.append('/').append(segments[i]);
        }
        return Optional.of(type.toString());
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
