package io.coverwatch.remediation.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The official Azure REST examples beside the checkout, read as tests need them. */
final class AzureSamples {

    static final ObjectMapper JSON = new ObjectMapper();

    static final Path REPO = Path.of(System.getProperty("coverwatch.repo.root", ".."));

    private AzureSamples() {}

    static JsonNode file(String sample) {
        try {
            return JSON.readTree(
                    REPO.resolve("../shared/azure-samples").resolve(sample).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(JsonBody body) {
        try {
            return JSON.readTree(body.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every member of {@code actual} is one the official example has too: the body has the example's shape. */
    static void assertFieldsWithin(JsonNode actual, JsonNode sample) {
        List<String> unknown = fieldNames(actual);
        unknown.removeAll(fieldNames(sample));
        assertTrue(sample.isObject() && unknown.isEmpty(), () -> "not in the official example: " + unknown);
    }

    static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "\"" + text + "\" does not mention \"" + part + "\"");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
