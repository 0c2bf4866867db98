package io.coverwatch.inventory.rest;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ResourceDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A resource as a client submits it: the contract's shape, every field of it, validated before it becomes an {@link
 * AzureResource}.
 */
@Schema(
        description = "A resource's current state as a client submits it: the contract's AzureResource, every field"
                + " checked. A field it does not have, at any depth, is refused.")
public record SubmittedResource(
        @Schema(description = "Required: the ARM resource ID, /subscriptions/..., at most 1,024 characters.")
                @NotBlank
                @Size(max = 1024)
                @Pattern(regexp = "/subscriptions/[^/]+(/.*)?", message = "must be an ARM resource ID")
                String id,
        @Schema(description = "Required: the ARM type, for example Microsoft.Compute/virtualMachines; at most 256.")
                @NotBlank
                @Size(max = 256)
                String type,
        @Schema(description = "The resource's name, at most 512 characters.") @Size(max = 512) String name,
        @Schema(description = "Required: the subscription's ID, at most 64 characters.") @NotBlank @Size(max = 64)
                String subscriptionId,
        @Schema(description = "The resource group, at most 90 characters.") @Size(max = 90) String resourceGroup,
        @Schema(description = "The Azure region, for example westeurope; at most 64 characters.") @Size(max = 64)
                String location,
        @Schema(description = "Azure tags: at most 50, keys up to 512 characters, values (not null) up to 256.")
                @Size(max = 50)
                Map<@NotBlank @Size(max = 512) String, @NotNull @Size(max = 256) String> tags,
        @Schema(description = "What is known about this kind of resource, told apart by its kind.") @Valid
                ResourceDetails details,
        @Schema(description = "The Azure Local instance the resource belongs to, if any; at most 1,024 characters.")
                @Size(max = 1024)
                String azureLocalInstanceId) {

    AzureResource toAzureResource() {
        return new AzureResource(
                id, type, name, subscriptionId, resourceGroup, location, tags, details, azureLocalInstanceId);
    }
}
