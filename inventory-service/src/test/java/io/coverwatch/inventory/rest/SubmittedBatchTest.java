package io.coverwatch.inventory.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.coverwatch.security.input.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SubmittedBatchTest {

    private static final ObjectMapper JSON = strictJson();

    private static final String VM =
            """
            {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-%1$d",
             "type": "Microsoft.Compute/virtualMachines", "name": "vm-%1$d", "subscriptionId": "s"}""";

    private static ObjectMapper strictJson() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static SubmittedBatch read(String body, int maxResources) throws IOException {
        return SubmittedBatch.read(JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), maxResources);
    }

    private static String vms(int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append(VM.formatted(i));
        }
        return body.append("]").toString();
    }

    @Test
    void elementsAreReadInTheirOrder() throws IOException {
        SubmittedBatch batch = read(vms(3), 10);

        assertEquals(
                List.of("vm-0", "vm-1", "vm-2"),
                batch.resources().stream().map(SubmittedResource::name).toList());
        assertEquals(3, batch.size());
        assertEquals(List.of(), batch.unknownFields());
    }

    @Test
    void elementsPastTheLimitAreCountedNotRead() throws IOException {
        SubmittedBatch batch = read(vms(7), 5);

        assertEquals(7, batch.size());
        assertEquals(5, batch.resources().size());
    }

    @Test
    void unknownFieldsAreNamedByTheirElementsIndexAtAnyDepth() throws IOException {
        String body = "[" + VM.formatted(0) + ","
                + VM.formatted(1).replace("\"type\"", "\"color\": \"red\", \"type\"") + ","
                + VM.formatted(2)
                        .replace(
                                "}",
                                ", \"details\": {\"osType\": \"Linux\", \"kind\": \"virtualMachine\","
                                        + " \"owner\": \"web\"}}")
                + "]";

        SubmittedBatch batch = read(body, 10);

        assertEquals(List.of("/1/color", "/2/details/owner"), batch.unknownFields());
        assertEquals(new TreeSet<>(Set.of(1, 2)), batch.withUnknownFields());
        assertEquals(3, batch.resources().size());
    }

    @Test
    void anElementThatIsNotAnObjectIsKeptInItsPlaceAsNull() throws IOException {
        SubmittedBatch batch = read("[" + VM.formatted(0) + ", null, 7, [\"vm\"], " + VM.formatted(4) + "]", 10);

        assertEquals(5, batch.resources().size());
        assertNull(batch.resources().get(1));
        assertNull(batch.resources().get(2));
        assertNull(batch.resources().get(3));
        assertEquals("vm-4", batch.resources().get(4).name());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsElementsIndexInItsPath() {
        String body = "[" + VM.formatted(0) + "," + VM.formatted(1).replace("\"name\": \"vm-1\"", "\"name\": 12") + "]";

        JsonMappingException refused = assertThrows(JsonMappingException.class, () -> read(body, 10));

        assertEquals(1, refused.getPath().get(0).getIndex());
        assertEquals("name", refused.getPath().get(1).getFieldName());
    }

    @Test
    void aBodyThatIsNotAnArrayIsNotABatch() {
        for (String body : List.of(VM.formatted(0), "null", "", "\"walk\"")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> read(body, 10), body);
            assertEquals(SubmittedBatch.NOT_A_BATCH, refused.getMessage());
        }
    }

    @Test
    void contentAfterTheArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> read(vms(1) + " {\"trailing\": true}", 10));
        assertThrows(JsonProcessingException.class, () -> read(vms(1) + " }", 10));
    }

    @Test
    void unreadableJsonAndTooDeepNestingAreRefused() {
        assertThrows(JsonProcessingException.class, () -> read("[" + VM.formatted(0) + ",", 10));
        assertThrows(JsonProcessingException.class, () -> read("[".repeat(5000) + "]".repeat(5000), 10));
        assertThrows(
                JsonProcessingException.class,
                () -> read("[" + "{\"details\":".repeat(100) + "1" + "}".repeat(100) + "]", 10));
    }
}
