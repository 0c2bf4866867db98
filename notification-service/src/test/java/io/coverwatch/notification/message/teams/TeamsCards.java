package io.coverwatch.notification.message.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.commonmark.node.Document;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads a Teams Workflows body back: the {@code message} envelope, its Adaptive Card validated against Microsoft's
 * published schema, Teams' limits; and what a reader sees of a card's Markdown, through a CommonMark parser.
 *
 * <p>The schema is third-party data, so it is not in this repository: like the Azure samples it lives in the shared
 * folder beside the checkout, {@code shared/adaptive-cards/1.5.0/adaptive-card.json}, with a SOURCES.md saying where
 * it came from. {@code -Dcoverwatch.adaptive-card-schema=<file>} points the tests at another copy.
 */
final class TeamsCards {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Empty where the shared folder does not hold the schema yet: the schema check is then skipped, loudly. */
    static final Optional<JsonSchema> SCHEMA = loadSchema();

    private static final Parser MARKDOWN = Parser.builder().build();

    private TeamsCards() {}

    static Path schemaPath() {
        String override = System.getProperty("coverwatch.adaptive-card-schema");
        if (override != null) {
            return Path.of(override);
        }
        // Beside the checkout: /work/main and a worktree such as /work/wt/<branch> both find /work/shared.
        Path checkout = Path.of(System.getProperty("coverwatch.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path schema = Path.of("shared/adaptive-cards/1.5.0/adaptive-card.json");
        for (Path beside = checkout.getParent(); beside != null; beside = beside.getParent()) {
            if (Files.isRegularFile(beside.resolve(schema))) {
                return beside.resolve(schema);
            }
        }
        return checkout.resolveSibling(schema);
    }

    /** The body's card, after checking the envelope, the schema, the version, the actions and the size. */
    static JsonNode readValidCard(String body) {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 28_000, "Teams takes under 28 KB: " + bytes + " bytes");
        JsonNode message = read(body);
        assertEquals("message", message.path("type").asText());
        assertEquals(1, message.path("attachments").size());
        JsonNode attachment = message.path("attachments").get(0);
        assertEquals(
                "application/vnd.microsoft.card.adaptive",
                attachment.path("contentType").asText());
        assertTrue(attachment.has("contentUrl") && attachment.get("contentUrl").isNull());
        JsonNode card = attachment.path("content");
        SCHEMA.ifPresent(
                schema -> assertEquals(Set.of(), schema.validate(card), "valid against the Adaptive Card 1.5 schema"));
        assertTrue(new BigDecimal(card.path("version").asText()).compareTo(new BigDecimal("1.5")) <= 0);
        everyObject(card, node -> {
            String type = node.path("type").asText();
            if (type.startsWith("Action.")) {
                assertEquals("Action.OpenUrl", type, "Teams Workflows run only Action.OpenUrl");
            }
        });
        return card;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every Markdown string of the card: TextBlock texts and Fact values, in order. */
    static List<String> markdownTexts(JsonNode card) {
        List<String> texts = new ArrayList<>();
        everyObject(card, node -> {
            if ("TextBlock".equals(node.path("type").asText())) {
                texts.add(node.get("text").asText());
            }
            if (node.has("title") && node.has("value")) {
                texts.add(node.get("value").asText());
            }
        });
        return texts;
    }

    /** Every Fact of the card, in order. */
    static List<JsonNode> facts(JsonNode card) {
        List<JsonNode> facts = new ArrayList<>();
        everyObject(card, node -> {
            if ("FactSet".equals(node.path("type").asText())) {
                node.get("facts").forEach(facts::add);
            }
        });
        return facts;
    }

    /**
     * What a reader sees of Markdown text: its literal text, after checking that CommonMark finds nothing in it but a
     * paragraph of text, and bold where {@code boldAllowed}.
     */
    static String seen(String markdown, boolean boldAllowed) {
        Node document = MARKDOWN.parse(markdown);
        StringBuilder literal = new StringBuilder();
        walk(document, node -> {
            boolean allowed = node instanceof Document
                    || node instanceof Paragraph
                    || node instanceof Text
                    || (boldAllowed && node instanceof StrongEmphasis);
            if (!allowed) {
                fail("Markdown " + node.getClass().getSimpleName() + " in: " + markdown);
            }
            if (node instanceof Text text) {
                literal.append(text.getLiteral());
            }
        });
        return literal.toString();
    }

    static void everyObject(JsonNode node, Consumer<JsonNode> visitor) {
        if (node.isObject()) {
            visitor.accept(node);
        }
        node.forEach(child -> everyObject(child, visitor));
    }

    private static void walk(Node node, Consumer<Node> visitor) {
        visitor.accept(node);
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            walk(child, visitor);
        }
    }

    /** Skips the calling test, saying why, where the schema is missing. */
    static JsonSchema requireSchema() {
        Assumptions.assumeTrue(
                SCHEMA.isPresent(),
                "The Adaptive Card 1.5 schema is missing at " + schemaPath().toAbsolutePath()
                        + ": it belongs in shared/adaptive-cards/ beside the checkout (see TeamsCards)");
        return SCHEMA.orElseThrow();
    }

    private static Optional<JsonSchema> loadSchema() {
        Path path = schemaPath();
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream schema = Files.newInputStream(path)) {
            // The schema says draft-06 but names itself with draft-04's "id", and annotates with keywords of its own
            // (the version that introduced an element, feature numbers): all annotations, none a constraint.
            JsonMetaSchema draft06 = JsonMetaSchema.builder(JsonMetaSchema.getV6())
                    .keywords(Stream.of("id", "version", "features", "example")
                            .map(NonValidationKeyword::new)
                            .toList())
                    .build();
            return Optional.of(
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6, factory -> factory.metaSchema(draft06))
                            .getSchema(schema, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
