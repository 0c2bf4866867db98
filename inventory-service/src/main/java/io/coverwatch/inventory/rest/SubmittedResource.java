package io.coverwatch.inventory.rest;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ResourceDetails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * A resource as a client submits it: the contract's shape, every field of it, validated before it becomes an {@link
 * AzureResource}.
 */
public record SubmittedResource(
        @NotBlank @Pattern(regexp = "/subscriptions/[^/]+(/.*)?", message = "must be an ARM resource ID") String id,
        @NotBlank String type,
        String name,
        @NotBlank String subscriptionId,
        String resourceGroup,
        String location,
        Map<String, String> tags,
        ResourceDetails details,
        String azureLocalInstanceId) {

    AzureResource toAzureResource() {
        return new AzureResource(
                id, type, name, subscriptionId, resourceGroup, location, tags, details, azureLocalInstanceId);
    }
}
