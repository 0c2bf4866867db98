package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The official Azure REST examples in the project's shared {@code azure-samples} (beside the checkout; SOURCES.md
 * there names each file's origin), and Resource Graph rows made from them.
 */
public final class AzureSamples {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Path SAMPLES =
            Path.of(System.getProperty("coverwatch.repo.root", "..")).resolve("../shared/azure-samples");

    private AzureSamples() {}

    /** A sample's 200 response body (a fresh copy each time). */
    public static ObjectNode body(String sample) {
        return (ObjectNode) file(sample).path("responses").path("200").path("body");
    }

    /** A sample file as it is, for those that are not REST examples (JSON schemas). */
    public static JsonNode file(String sample) {
        try (InputStream in = Files.newInputStream(SAMPLES.resolve(sample))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An ARM payload as Resource Graph returns it: under a new ID, the type lower-cased, with subscriptionId and
     * resourceGroup columns and without the child {@code resources} a GET may embed.
     */
    static ObjectNode row(ObjectNode armPayload, String id) {
        ObjectNode row = armPayload.deepCopy();
        row.remove("resources");
        row.put("id", id);
        row.put("name", id.substring(id.lastIndexOf('/') + 1));
        row.put("type", row.path("type").asText().toLowerCase(Locale.ROOT));
        row.put("subscriptionId", AzureMapping.idSegment(id, "subscriptions"));
        String resourceGroup = AzureMapping.idSegment(id, "resourceGroups");
        if (resourceGroup != null) {
            row.put("resourceGroup", resourceGroup.toLowerCase(Locale.ROOT));
        }
        return row;
    }

    /**
     * Resource Graph's {@code properties.extended.instanceView} for a VM, from the Compute instance-view sample: the
     * power state as {@code powerState.code} and the OS name and version.
     */
    static ObjectNode extendedInstanceView(JsonNode computeInstanceView) {
        ObjectNode extended = JSON.createObjectNode();
        extended.put("osName", computeInstanceView.path("osName").asText());
        extended.put("osVersion", computeInstanceView.path("osVersion").asText());
        for (JsonNode status : computeInstanceView.path("statuses")) {
            if (status.path("code").asText().startsWith("PowerState/")) {
                extended.putObject("powerState")
                        .put("code", status.path("code").asText())
                        .put("displayStatus", status.path("displayStatus").asText());
            }
        }
        return extended;
    }

    /** The Compute extension sample as an AMA/MDE/… extension of a VM (the official examples only have placeholders). */
    static ObjectNode vmExtension(
            String vmId, String name, String publisher, String type, String provisioningState, String message) {
        ObjectNode row = row(body("compute/virtualmachineextensions_get.json"), vmId + "/extensions/" + name);
        ObjectNode properties = (ObjectNode) row.path("properties");
        properties.put("publisher", publisher);
        properties.put("type", type);
        properties.put("provisioningState", provisioningState);
        ObjectNode instanceView = (ObjectNode) properties.path("instanceView");
        instanceView.put("name", name);
        instanceView.put("type", type);
        ArrayNode statuses = instanceView.putArray("statuses");
        statuses.addObject()
                .put("code", "ProvisioningState/" + provisioningState.toLowerCase(Locale.ROOT))
                .put("level", provisioningState.equals("Succeeded") ? "Info" : "Error")
                .put("message", message);
        return row;
    }
}
