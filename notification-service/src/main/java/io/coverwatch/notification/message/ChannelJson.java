package io.coverwatch.notification.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The JSON every channel builds its bodies with: Jackson trees, written compact. */
public final class ChannelJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelJson() {}

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** A value as Jackson writes it: an enum by its {@code @JsonProperty} name, a map as an object, null as null. */
    public static JsonNode value(Object value) {
        return JSON.valueToTree(value);
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always writes.
            throw new UncheckedIOException(e);
        }
    }
}
