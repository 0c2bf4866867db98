package io.coverwatch.security.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Walks a service's OpenAPI document and calls every operation three times: without a token (401), with a token that
 * holds every role but the ones the operation names (403), and with a token holding just those (neither). An
 * operation that names no role fails: with deny-by-default it would answer 403 to everyone, and nobody would notice
 * that it was forgotten.
 *
 * <p>The roles come from the document's security requirements, which SmallRye OpenAPI derives from
 * {@code @RolesAllowed}; the third call proves that the document and the annotations agree.
 */
public final class ApiAccess {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** Sample values tried, in order, for a path parameter with a pattern (ARM IDs are written into the path). */
    private static final List<String> PATTERNED_SAMPLES = List.of(
            "subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/coverwatch-walk"
                    + "/providers/Microsoft.Compute/virtualMachines/walk-01",
            "00000000-0000-0000-0000-000000000000",
            "1",
            "walk");

    /**
     * One operation of the document.
     *
     * @param path  the path with every parameter replaced by a sample value that the route matches
     * @param roles the roles its security requirement names
     */
    public record Operation(String method, String template, String path, Set<String> roles) {

        String label() {
            return method.toUpperCase(Locale.ROOT) + " " + template + " " + roles;
        }
    }

    private final LocalTokenIssuer issuer;
    private final List<Operation> operations;

    private ApiAccess(LocalTokenIssuer issuer, List<Operation> operations) {
        this.issuer = issuer;
        this.operations = operations;
    }

    /**
     * @param openApiDocument the JSON document, from the management interface ({@code /q/openapi?format=json})
     * @param issuer          the issuer the service trusts
     */
    public static ApiAccess of(URL openApiDocument, LocalTokenIssuer issuer) {
        String document = given().urlEncodingEnabled(false)
                .get(openApiDocument)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return new ApiAccess(issuer, operations(JsonPath.from(document)));
    }

    public List<Operation> operations() {
        return operations;
    }

    /** One test per operation, named by its method, path and roles. */
    public Stream<DynamicTest> tests() {
        assertFalse(operations.isEmpty(), "the OpenAPI document lists no operation");
        return operations.stream().map(operation -> DynamicTest.dynamicTest(operation.label(), () -> check(operation)));
    }

    private void check(Operation operation) {
        assertFalse(
                operation.roles().isEmpty(),
                operation.label() + " names no role: give it @RolesAllowed with one of " + Roles.class.getName());
        assertTrue(
                Roles.ALL.containsAll(operation.roles()),
                operation.label() + " names a role that is not one of " + Roles.ALL);

        Response anonymous = call(operation, null);
        assertEquals(401, anonymous.statusCode(), operation.label() + " without a token: " + anonymous.asString());
        assertTrue(
                anonymous.contentType().startsWith("application/problem+json"),
                operation.label() + " answers 401 as problem+json: " + anonymous.contentType());

        List<String> otherRoles = Roles.ALL.stream()
                .filter(role -> !operation.roles().contains(role))
                .toList();
        Response lacking = call(operation, issuer.token("api-walker", "API walker", otherRoles));
        assertEquals(403, lacking.statusCode(), operation.label() + " with " + otherRoles + ": " + lacking.asString());
        assertTrue(
                lacking.contentType().startsWith("application/problem+json"),
                operation.label() + " answers 403 as problem+json: " + lacking.contentType());

        Response granted = call(operation, issuer.token("api-walker", "API walker", List.copyOf(operation.roles())));
        assertFalse(
                granted.statusCode() == 401 || granted.statusCode() == 403,
                operation.label() + " with its own roles answered " + granted.statusCode() + ": " + granted.asString());
    }

    private static Response call(Operation operation, String token) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (token == null) {
            request.auth().none();
        } else {
            request.auth().oauth2(token);
        }
        if (Set.of("post", "put", "patch").contains(operation.method())) {
            request.contentType("application/json").body("{}");
        }
        return request.request(operation.method().toUpperCase(Locale.ROOT), operation.path());
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(JsonPath document) {
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((template, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            Set<String> roles = new TreeSet<>();
            List<Map<String, List<String>>> security =
                    (List<Map<String, List<String>>>) operation.getOrDefault("security", List.of());
            security.forEach(requirement -> requirement.values().forEach(roles::addAll));
            String path = template;
            List<Map<String, Object>> parameters =
                    (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
            for (Map<String, Object> parameter : parameters) {
                if ("path".equals(parameter.get("in"))) {
                    String name = (String) parameter.get("name");
                    path = path.replace("{" + name + "}", sample(template, name, (Map<String, Object>)
                            parameter.getOrDefault("schema", Map.of())));
                }
            }
            operations.add(new Operation(method, template, path, roles));
        }));
        operations.sort(Comparator.comparing(Operation::template).thenComparing(Operation::method));
        return operations;
    }

    private static String sample(String template, String name, Map<String, Object> schema) {
        Object pattern = schema.get("pattern");
        if (pattern != null) {
            return PATTERNED_SAMPLES.stream()
                    .filter(sample -> sample.matches((String) pattern))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "No sample value for {" + name + "} of " + template + " matches " + pattern));
        }
        if ("uuid".equals(schema.get("format"))) {
            return "00000000-0000-0000-0000-000000000000";
        }
        Object type = schema.get("type");
        return "integer".equals(type) || "number".equals(type) ? "1" : "walk";
    }
}
