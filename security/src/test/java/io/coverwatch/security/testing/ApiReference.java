package io.coverwatch.security.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a service's OpenAPI document as the reader of its API reference would, and names every gap: an operation
 * without a summary or a description, a description that does not name the role the operation needs, an answer
 * whose body has no media type (an {@code @APIResponse} content without one, on an operation that declares none), a
 * parameter without a description, a component schema or one of its properties
 * (nested ones too) without a description. Summaries are never generated (the shared configuration turns SmallRye's
 * method-name summaries off), so a missing {@code @Operation} shows here.
 */
public final class ApiReference {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final JsonPath document;

    private ApiReference(JsonPath document) {
        this.document = document;
    }

    /** @param openApiDocument the JSON document, from the management interface ({@code /q/openapi?format=json}) */
    public static ApiReference of(URL openApiDocument) {
        return of(given().urlEncodingEnabled(false)
                .get(openApiDocument)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    public static ApiReference of(String json) {
        return new ApiReference(JsonPath.from(json));
    }

    /** Fails naming every gap at once, so one run lists all that is left to write. */
    public void check() {
        assertFalse(document.getMap("paths").isEmpty(), "the OpenAPI document lists no operation");
        List<String> gaps = gaps();
        assertEquals(List.of(), gaps, gaps.size() + " gaps in the API reference:\n" + String.join("\n", gaps));
    }

    /**
     * Swagger UI answers on the management interface and reads this document.
     *
     * @param swaggerUi {@code /q/swagger-ui/} of the management interface
     */
    public static void checkSwaggerUi(URL swaggerUi) {
        String page = given().get(swaggerUi).then().statusCode(200).extract().asString();
        assertTrue(page.contains("SwaggerUIBundle"), "not Swagger UI's page: " + page);
        assertTrue(page.contains("/q/openapi"), "Swagger UI does not read /q/openapi: " + page);
    }

    @SuppressWarnings("unchecked")
    public List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        Map<String, Map<String, Object>> paths = new TreeMap<>(document.getMap("paths"));
        paths.forEach((template, item) -> {
            List<Map<String, Object>> shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
            new TreeMap<>(item).forEach((method, value) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                Map<String, Object> operation = (Map<String, Object>) value;
                String label = method.toUpperCase(Locale.ROOT) + " " + template;
                if (blank(operation.get("summary"))) {
                    gaps.add(label + ": no summary");
                }
                if (blank(operation.get("description"))) {
                    gaps.add(label + ": no description");
                } else {
                    for (String role : roles(operation)) {
                        if (!((String) operation.get("description")).contains(role)) {
                            gaps.add(label + ": description does not name its role " + role);
                        }
                    }
                }
                Map<String, Map<String, Object>> responses =
                        (Map<String, Map<String, Object>>) operation.getOrDefault("responses", Map.of());
                new TreeMap<>(responses).forEach((status, response) -> {
                    if (response.get("content") instanceof Map<?, ?> content && content.isEmpty()) {
                        gaps.add(label + ": response " + status + " has a body of no media type");
                    }
                });
                List<Map<String, Object>> parameters = new ArrayList<>(shared);
                parameters.addAll((List<Map<String, Object>>) operation.getOrDefault("parameters", List.of()));
                for (Map<String, Object> parameter : parameters) {
                    Map<String, Object> resolved = resolve(parameter, "parameters");
                    if (blank(resolved.get("description"))) {
                        gaps.add(label + ": parameter " + resolved.get("name") + " (" + resolved.get("in")
                                + ") has no description");
                    }
                }
            });
        });
        Map<String, Map<String, Object>> schemas = document.getMap("components.schemas");
        if (schemas != null) {
            new TreeMap<>(schemas).forEach((name, schema) -> {
                if (blank(schema.get("description"))) {
                    gaps.add("schema " + name + ": no description");
                }
                properties("schema " + name, schema, gaps);
            });
        }
        return gaps;
    }

    /** The roles the operation's security requirements name (SmallRye derives them from {@code @RolesAllowed}). */
    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> operation) {
        List<String> roles = new ArrayList<>();
        List<Map<String, List<String>>> security =
                (List<Map<String, List<String>>>) operation.getOrDefault("security", List.of());
        security.forEach(requirement -> requirement.values().forEach(roles::addAll));
        return roles;
    }

    /** Every property of the schema has a description; an inline object's properties and array items are walked. */
    @SuppressWarnings("unchecked")
    private static void properties(String label, Map<String, Object> schema, List<String> gaps) {
        Map<String, Map<String, Object>> properties =
                (Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of());
        new TreeMap<>(properties).forEach((name, property) -> {
            if (blank(property.get("description"))) {
                gaps.add(label + ": property " + name + " has no description");
            }
            properties(label + "." + name, property, gaps);
            if (property.get("items") instanceof Map<?, ?> items) {
                properties(label + "." + name + "[]", (Map<String, Object>) items, gaps);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> object, String section) {
        if (object.get("$ref") instanceof String ref) {
            Map<String, Object> components = document.getMap("components." + section);
            return (Map<String, Object>) components.get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return object;
    }

    private static boolean blank(Object text) {
        return !(text instanceof String string) || string.isBlank();
    }
}
