package io.coverwatch.inventory.rest;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ResourceDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A resource as a client submits it: the contract's shape, every field of it, validated before it becomes an {@link
 * AzureResource}.
 */
public record SubmittedResource(
        @NotBlank
                @Size(max = 1024)
                @Pattern(regexp = "/subscriptions/[^/]+(/.*)?", message = "must be an ARM resource ID")
                String id,
        @NotBlank @Size(max = 256) String type,
        @Size(max = 512) String name,
        @NotBlank @Size(max = 64) String subscriptionId,
        @Size(max = 90) String resourceGroup,
        @Size(max = 64) String location,
        @Size(max = 50) Map<@NotBlank @Size(max = 512) String, @NotNull @Size(max = 256) String> tags,
        @Valid ResourceDetails details,
        @Size(max = 1024) String azureLocalInstanceId) {

    AzureResource toAzureResource() {
        return new AzureResource(
                id, type, name, subscriptionId, resourceGroup, location, tags, details, azureLocalInstanceId);
    }
}
