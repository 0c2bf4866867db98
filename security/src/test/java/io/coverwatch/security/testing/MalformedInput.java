package io.coverwatch.security.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Walks a service's OpenAPI document and sends every operation bad input, signed in with every role: for each body,
 * a table of malformed ones (empty, the wrong JSON type, each field with the wrong type, a NUL, 100 KB, a map with a
 * null value, nesting 5,000 deep, garbage after the document); for each query or path parameter, NUL, control
 * characters, a value just past the limit and one of 100 KB (which the HTTP server itself refuses with a bare 414).
 * Each must be answered 4xx with problem+json, never 5xx, and the service must still be ready afterwards.
 *
 * <p>Bad values go into an otherwise well-formed body built from the document's schema, so that a check which runs
 * only once the rest of the body passes (a field read after validation) is reached too.
 */
public final class MalformedInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String HUNDRED_KB = "x".repeat(100 * 1024);

    /** Quarkus' default limit on an HTTP request line (quarkus.http.limits.max-initial-line-length). */
    private static final int MAX_REQUEST_LINE = 4096;

    private static final String ARM_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/walk"
            + "/providers/Microsoft.Compute/virtualMachines/walk-01";

    /**
     * One bad request: what it is, and how it is sent.
     *
     * @param status the one status it must get; 0 for any 4xx
     */
    private record Case(String label, String method, String path, String body, int status) {

        Case(String label, String method, String path, String body) {
            this(label, method, path, body, 0);
        }
    }

    private record Operation(String method, String template, Map<String, Object> definition) {

        String label() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }
    }

    private final JsonPath document;
    private final List<Operation> operations;
    private final String token;
    private final URL readiness;

    private MalformedInput(JsonPath document, List<Operation> operations, String token, URL readiness) {
        this.document = document;
        this.operations = operations;
        this.token = token;
        this.readiness = readiness;
    }

    /**
     * @param openApiDocument the JSON document, from the management interface ({@code /q/openapi?format=json})
     * @param readiness       the service's readiness check ({@code /q/health/ready})
     */
    public static MalformedInput of(URL openApiDocument, URL readiness, LocalTokenIssuer issuer) {
        String text = given().urlEncodingEnabled(false)
                .get(openApiDocument)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonPath document = JsonPath.from(text);
        return new MalformedInput(
                document, operations(document), issuer.token("input-walker", "Input walker", Roles.ALL), readiness);
    }

    /** One test per operation, then one that the service is still ready. */
    public Stream<DynamicTest> tests() {
        assertFalse(operations.isEmpty(), "the OpenAPI document lists no operation");
        Stream<DynamicTest> each = operations.stream()
                .map(operation -> DynamicTest.dynamicTest(operation.label(), () -> check(operation)));
        return Stream.concat(each, Stream.of(DynamicTest.dynamicTest("still ready", () -> given().get(readiness)
                .then()
                .statusCode(200))));
    }

    private void check(Operation operation) {
        List<String> failures = new ArrayList<>();
        for (Case bad : cases(operation)) {
            Response response;
            try {
                response = send(bad);
            } catch (Exception e) { // rest-assured rethrows the socket's IOException unchecked
                if (bad.path().length() > MAX_REQUEST_LINE && causedBySocket(e)) {
                    // The server answered 414 and closed while the client still wrote the long line: refused too.
                    continue;
                }
                throw e;
            }
            int status = response.statusCode();
            if (status == 414) {
                // The HTTP server refuses a request line over 4 KB before anything else reads it.
                continue;
            }
            String type = String.valueOf(response.contentType());
            if (status < 400
                    || status >= 500
                    || (bad.status() != 0 && status != bad.status())
                    || !type.startsWith("application/problem+json")) {
                String body = response.asString();
                failures.add(bad.label() + " -> " + status + " " + type + " "
                        + body.substring(0, Math.min(300, body.length())));
            }
        }
        assertEquals(List.of(), failures, operation.label() + ": bad input not answered 4xx problem+json");
    }

    private static boolean causedBySocket(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
    }

    private Response send(Case bad) {
        var request = given().urlEncodingEnabled(false).auth().oauth2(token);
        if (bad.body() != null) {
            request.contentType("application/json").body(bad.body().getBytes(StandardCharsets.UTF_8));
        }
        return request.request(bad.method().toUpperCase(Locale.ROOT), bad.path());
    }

    @SuppressWarnings("unchecked")
    private List<Case> cases(Operation operation) {
        List<Case> cases = new ArrayList<>();
        List<Map<String, Object>> parameters =
                (List<Map<String, Object>>) operation.definition().getOrDefault("parameters", List.of());
        Map<String, String> samples = new LinkedHashMap<>();
        for (Map<String, Object> parameter : parameters) {
            if ("path".equals(parameter.get("in"))) {
                samples.put((String) parameter.get("name"), sample((Map<String, Object>)
                        parameter.getOrDefault("schema", Map.of())));
            }
        }
        String method = operation.method();
        String validPath = path(operation.template(), samples);
        boolean hasBody =
                BODY_METHODS.contains(method) && operation.definition().containsKey("requestBody");
        String body = hasBody ? wellFormedBody(operation) : null;
        for (Map<String, Object> parameter : parameters) {
            String name = (String) parameter.get("name");
            String in = (String) parameter.get("in");
            for (Map.Entry<String, String> value : Map.of(
                            "NUL", "walk%00",
                            "a control character", "walk%01%1B",
                            "a line break", "walk%0D%0A",
                            "1,025 characters", "x".repeat(1025),
                            "100 KB", HUNDRED_KB)
                    .entrySet()) {
                String label = name + " (" + in + ") with " + value.getKey();
                if ("path".equals(in)) {
                    Map<String, String> bad = new LinkedHashMap<>(samples);
                    bad.put(name, samples.get(name) + value.getValue());
                    cases.add(new Case(label, method, path(operation.template(), bad), body));
                } else if ("query".equals(in)) {
                    cases.add(new Case(label, method, validPath + "?" + name + "=" + value.getValue(), body));
                }
            }
            if ("query".equals(in)
                    && resolve((Map<String, Object>) parameter.getOrDefault("schema", Map.of()))
                            .containsKey("enum")) {
                // A filter that names no state is the client's mistake (400), not a collection that is not there.
                cases.add(new Case(
                        name + " (query) outside its values", method, validPath + "?" + name + "=walk", body, 400));
            }
        }
        if (body == null) {
            return cases;
        }
        Map<String, Object> requestBody =
                (Map<String, Object>) operation.definition().get("requestBody");
        if (Boolean.TRUE.equals(requestBody.get("required"))) {
            cases.add(new Case("an empty body", method, validPath, ""));
            cases.add(new Case("null", method, validPath, "null"));
        }
        cases.add(new Case("nesting 5,000 deep", method, validPath, "[".repeat(5000) + "]".repeat(5000)));
        cases.add(new Case(
                "an object nested 5,000 deep", method, validPath, "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
        cases.add(new Case("not JSON", method, validPath, "{\"walk\": "));
        Map<String, Object> schema = requestSchema(operation);
        if (!schema.containsKey("properties") && !"object".equals(schema.get("type"))) {
            // A body the operation reads itself (a heartbeat batch, a routing document): its shape is not in the
            // document, so only what no JSON body may be is tried.
            cases.add(new Case("garbage after an array", method, validPath, "[] {\"trailing\": true}"));
            cases.add(new Case("garbage after an object", method, validPath, "{} {\"trailing\": true}"));
            return cases;
        }
        cases.add(new Case("an array for the object", method, validPath, "[" + body + "]"));
        cases.add(new Case("a string for the object", method, validPath, "\"walk\""));
        cases.add(new Case("garbage after the document", method, validPath, body + " {\"trailing\": true}"));
        Map<String, Map<String, Object>> properties =
                (Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of());
        properties.forEach((field, property) -> {
            for (Map.Entry<String, String> wrong : badValues(resolve(property)).entrySet()) {
                cases.add(new Case(
                        field + " with " + wrong.getKey(), method, validPath, with(body, field, wrong.getValue())));
            }
        });
        return cases;
    }

    /** Values of the wrong JSON type, or of the right type but never acceptable, for a field of this schema. */
    private static Map<String, String> badValues(Map<String, Object> schema) {
        Map<String, String> values = new LinkedHashMap<>();
        Object type = schema.get("type");
        if ("string".equals(type)) {
            values.put("a number", "12345");
            values.put("a boolean", "true");
            values.put("an object", "{\"a\":\"b\"}");
            values.put("an array", "[\"walk\"]");
            if (!schema.containsKey("enum") && !"date-time".equals(schema.get("format"))) {
                values.put("NUL", "\"walk\\u0000\"");
                values.put("an escape character", "\"walk\\u001b[31m\"");
                values.put("100 KB", "\"" + HUNDRED_KB + "\"");
            }
        } else if ("array".equals(type)) {
            values.put("a string", "\"walk\"");
            values.put("an object", "{\"a\":\"b\"}");
            values.put("a null element", "[null]");
            values.put("a 100 KB element", "[\"" + HUNDRED_KB + "\"]");
        } else if ("object".equals(type)) {
            values.put("a string", "\"walk\"");
            values.put("an array", "[]");
            if (schema.containsKey("additionalProperties")) {
                values.put("a null value", "{\"walk\":null}");
                values.put("a NUL key", "{\"walk\\u0000\":\"walk\"}");
                values.put("a 100 KB value", "{\"walk\":\"" + HUNDRED_KB + "\"}");
            }
        } else if ("integer".equals(type) || "number".equals(type)) {
            values.put("a string", "\"1\"");
            values.put("a boolean", "true");
            values.put("an object", "{}");
        } else if ("boolean".equals(type)) {
            values.put("a string", "\"true\"");
            values.put("a number", "1");
            values.put("an array", "[true]");
        }
        return values;
    }

    /** The body with one field's value replaced by raw JSON. */
    private static String with(String body, String field, String rawValue) {
        try {
            ObjectNode object = (ObjectNode) JSON.readTree(body);
            object.putRawValue(field, new RawValue(rawValue));
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String wellFormedBody(Operation operation) {
        try {
            return JSON.writeValueAsString(example(requestSchema(operation), 0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> requestSchema(Operation operation) {
        Map<String, Object> requestBody =
                (Map<String, Object>) operation.definition().get("requestBody");
        if (requestBody == null) {
            return Map.of();
        }
        Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) requestBody.get("content");
        Map<String, Object> json = content.get("application/json");
        return json == null ? Map.of() : resolve((Map<String, Object>) json.getOrDefault("schema", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref instanceof String name) {
            String component = name.substring(name.lastIndexOf('/') + 1);
            return (Map<String, Object>) document.getMap("components.schemas").get(component);
        }
        return schema;
    }

    /** A value the schema accepts, as far as the document tells: required fields filled, samples for patterns. */
    @SuppressWarnings("unchecked")
    private Object example(Map<String, Object> schema, int depth) {
        Map<String, Object> resolved = resolve(schema);
        List<Object> choices = (List<Object>) resolved.get("enum");
        if (choices != null && !choices.isEmpty()) {
            return choices.get(0);
        }
        Object type = resolved.get("type");
        if (resolved.containsKey("properties") || ("object".equals(type) && depth < 4)) {
            Map<String, Object> object = new LinkedHashMap<>();
            Map<String, Map<String, Object>> properties =
                    (Map<String, Map<String, Object>>) resolved.getOrDefault("properties", Map.of());
            if (depth < 4) {
                properties.forEach((name, property) -> object.put(name, example(property, depth + 1)));
            }
            return object;
        }
        if ("array".equals(type)) {
            return List.of();
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return 1;
        }
        if ("boolean".equals(type)) {
            return false;
        }
        if ("string".equals(type)) {
            return sample(resolved);
        }
        return null;
    }

    private static String sample(Map<String, Object> schema) {
        String format = String.valueOf(schema.get("format"));
        if ("uuid".equals(format)) {
            return "00000000-0000-0000-0000-000000000000";
        }
        if ("date-time".equals(format)) {
            return "2026-01-01T00:00:00Z";
        }
        if ("duration".equals(format)) {
            return "PT1H";
        }
        Object type = schema.get("type");
        if ("integer".equals(type) || "number".equals(type)) {
            return "1";
        }
        Object pattern = schema.get("pattern");
        if (pattern != null) {
            for (String candidate : List.of(ARM_ID, ARM_ID.substring(1), "00000000-0000-0000-0000-000000000000")) {
                if (candidate.matches((String) pattern)) {
                    return candidate;
                }
            }
        }
        return "walk";
    }

    private static String path(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String encoded = value.getValue().contains("%")
                    ? value.getValue()
                    : URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8)
                            .replace("%2F", "/");
            path = path.replace("{" + value.getKey() + "}", encoded);
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(JsonPath document) {
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((template, item) -> item.forEach((method, value) -> {
            if (METHODS.contains(method)) {
                operations.add(new Operation(method, template, (Map<String, Object>) value));
            }
        }));
        operations.sort(Comparator.comparing(Operation::template).thenComparing(Operation::method));
        return operations;
    }
}
