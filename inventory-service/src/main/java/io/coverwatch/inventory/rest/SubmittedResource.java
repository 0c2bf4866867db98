package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ResourceDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
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

    /**
     * Reads resources as the API takes them: a field the contract does not have is skipped and named, by its JSON
     * pointer in the body, in {@code unknownFields}, so that every one of them can be refused in one answer.
     */
    static ObjectReader reader(ObjectMapper json, List<String> unknownFields) {
        return json.readerFor(SubmittedResource.class).withHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(
                    DeserializationContext context,
                    JsonParser parser,
                    JsonDeserializer<?> deserializer,
                    Object beanOrClass,
                    String propertyName)
                    throws IOException {
                unknownFields.add(parser.getParsingContext().pathAsPointer().toString());
                parser.skipChildren();
                return true;
            }
        });
    }

    AzureResource toAzureResource() {
        return new AzureResource(
                id, type, name, subscriptionId, resourceGroup, location, tags, details, azureLocalInstanceId);
    }
}
