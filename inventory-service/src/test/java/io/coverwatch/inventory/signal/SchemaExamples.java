package io.coverwatch.inventory.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.inventory.azure.AzureSamples;

/**
 * An exported item built from the first example a JSON schema gives for each field: Microsoft documents the
 * continuous export shapes of alerts and recommendations only as such schemas ({@code defender-export/}).
 */
final class SchemaExamples {

    private SchemaExamples() {}

    static ObjectNode item(String schemaFile) {
        return (ObjectNode) instance(AzureSamples.file(schemaFile));
    }

    private static JsonNode instance(JsonNode schema) {
        if (schema.has("properties")) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            schema.path("properties").fields().forEachRemaining(field -> {
                JsonNode value = instance(field.getValue());
                if (!value.isMissingNode()) {
                    object.set(field.getKey(), value);
                }
            });
            return object;
        }
        if ("array".equals(schema.path("type").asText())) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            JsonNode item = instance(schema.path("items"));
            if (!item.isMissingNode()) {
                array.add(item);
            }
            return array;
        }
        return schema.path("examples").path(0);
    }
}
