package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.coverwatch.localinfra.LoopbackHttps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTPS stand-in for Azure Resource Manager: {@code GET /subscriptions} (and one by ID), Defender's workspace
 * settings of a subscription, and the Resource Graph query endpoint, serving the rows the test gives for each table
 * ({@code resources}, {@code securityresources}, {@code insightresources}, {@code policyresources}), paged with
 * {@code $skipToken}. A targeted query ({@code | where target in ('id', ...)}) gets only the rows whose target is
 * named: for {@code resources} the row's ID or, for an extension, its machine's; for {@code insightresources} the
 * resource an association belongs to; for {@code policyresources} the resource a policy state is about (or its
 * machine). Other KQL clauses are not evaluated: the mapping must cope with every row of
 * the table. Subscriptions listed as forbidden make any Resource Graph query that includes them fail with 403, as
 * Azure does when the identity lacks access.
 */
final class FakeAzure implements AutoCloseable {

    static final String TOKEN = "fake-token";

    /** One request as the fake saw it. */
    record Seen(Instant at, String method, String path, int status, JsonNode body) {}

    private static final Pattern ONE_SUBSCRIPTION = Pattern.compile("/subscriptions/[^/]+");
    private static final Pattern WORKSPACE_SETTINGS =
            Pattern.compile("(?i)/subscriptions/([^/]+)/providers/Microsoft\\.Security/workspaceSettings");
    private static final String TARGET_FILTER = "| where target in (";
    private static final Pattern KQL_STRING = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    private LoopbackHttps https;
    private final List<ObjectNode> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> tables = Map.of(
            "resources", new CopyOnWriteArrayList<>(),
            "securityresources", new CopyOnWriteArrayList<>(),
            "insightresources", new CopyOnWriteArrayList<>(),
            "policyresources", new CopyOnWriteArrayList<>());
    private final Map<String, JsonNode> workspaceSettings = new ConcurrentHashMap<>();
    private final Set<String> forbidden = Collections.synchronizedSet(new java.util.HashSet<>());
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile int pageSize = 3;

    private FakeAzure() {}

    /** Starts on a free port with a fresh self-signed certificate for localhost (made with the JDK's keytool). */
    static FakeAzure start() throws Exception {
        FakeAzure fake = new FakeAzure();
        fake.https = LoopbackHttps.start(fake::handle);
        return fake;
    }

    String endpoint() {
        return https.endpoint() + "/";
    }

    Path trustStore() {
        return https.trustStore();
    }

    void subscription(String subscriptionId, String displayName, String environmentTag) {
        ObjectNode subscription = AzureSamples.JSON.createObjectNode();
        subscription.put("id", "/subscriptions/" + subscriptionId);
        subscription.put("subscriptionId", subscriptionId);
        subscription.put("displayName", displayName);
        subscription.put("state", "Enabled");
        subscription.putObject("tags").put("env", environmentTag);
        subscriptions.add(subscription);
    }

    void resources(JsonNode... rows) {
        tables.get("resources").addAll(List.of(rows));
    }

    /** Replaces the row with the same ID in whichever table holds it. */
    void replace(JsonNode row) {
        String id = row.path("id").asText();
        tables.values()
                .forEach(
                        table -> table.replaceAll(old -> old.path("id").asText().equalsIgnoreCase(id) ? row : old));
    }

    /** Removes the row with this ID from whichever table holds it. */
    void withoutResource(String id) {
        tables.values()
                .forEach(table -> table.removeIf(row -> row.path("id").asText().equalsIgnoreCase(id)));
    }

    void security(JsonNode... rows) {
        tables.get("securityresources").addAll(List.of(rows));
    }

    void associations(JsonNode... rows) {
        tables.get("insightresources").addAll(List.of(rows));
    }

    void policies(JsonNode... rows) {
        tables.get("policyresources").addAll(List.of(rows));
    }

    /** The body of {@code GET .../providers/Microsoft.Security/workspaceSettings}; {@code {"value": []}} unless set. */
    void workspaceSettings(String subscriptionId, JsonNode body) {
        workspaceSettings.put(subscriptionId.toLowerCase(Locale.ROOT), body);
    }

    /** The Resource Graph queries seen, in order. */
    List<String> queries() {
        return seen.stream()
                .filter(request -> request.body() != null && request.body().has("query"))
                .map(request -> request.body().path("query").asText())
                .toList();
    }

    /** Resource Graph refuses every query that includes this subscription (403 AuthorizationFailed). */
    void forbid(String subscriptionId) {
        forbidden.add(subscriptionId.toLowerCase(Locale.ROOT));
    }

    /** The next Resource Graph query is throttled: 429 with this Retry-After. */
    void throttleNextQuery(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        throttleNext.set(1);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    void reset() {
        subscriptions.clear();
        tables.values().forEach(List::clear);
        workspaceSettings.clear();
        forbidden.clear();
        seen.clear();
        throttleNext.set(0);
        pageSize = 3;
    }

    /** Rows per Resource Graph page until the next reset; 3 unless set (Resource Graph's own default is 1,000). */
    void pageSize(int rows) {
        pageSize = rows;
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = null;
        int status;
        ObjectNode response;
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            body = requestBody.length == 0 ? null : AzureSamples.JSON.readTree(requestBody);
            String path = exchange.getRequestURI().getPath();
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                response = error("InvalidAuthenticationToken", "no or wrong bearer token");
            } else if (exchange.getRequestMethod().equals("GET") && path.equals("/subscriptions")) {
                status = 200;
                response = AzureSamples.JSON.createObjectNode();
                response.putArray("value").addAll(subscriptions);
            } else if (exchange.getRequestMethod().equals("GET")
                    && ONE_SUBSCRIPTION.matcher(path).matches()) {
                String subscriptionId = path.substring("/subscriptions/".length());
                ObjectNode found = subscriptions.stream()
                        .filter(subscription ->
                                subscription.path("subscriptionId").asText().equalsIgnoreCase(subscriptionId))
                        .findFirst()
                        .orElse(null);
                status = found == null ? 404 : 200;
                response = found == null
                        ? error("SubscriptionNotFound", "The subscription '" + subscriptionId + "' could not be found.")
                        : found;
            } else if (exchange.getRequestMethod().equals("GET")
                    && WORKSPACE_SETTINGS.matcher(path).matches()) {
                Matcher settings = WORKSPACE_SETTINGS.matcher(path);
                settings.matches();
                status = 200;
                response = (ObjectNode) workspaceSettings.getOrDefault(
                        settings.group(1).toLowerCase(Locale.ROOT),
                        AzureSamples.JSON.createObjectNode().set("value", AzureSamples.JSON.createArrayNode()));
            } else if (exchange.getRequestMethod().equals("POST")
                    && path.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
                if (throttleNext.compareAndSet(1, 0)) {
                    status = 429;
                    response = error("RateLimiting", "Please provide below info when asking for support");
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                } else {
                    ObjectNode[] answer = new ObjectNode[1];
                    status = query(body, answer);
                    response = answer[0];
                }
            } else {
                status = 404;
                response = error("NotFound", exchange.getRequestMethod() + " " + path + " is not faked");
            }
            byte[] bytes = AzureSamples.JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (RuntimeException e) {
            status = 500;
        }
        seen.add(new Seen(
                Instant.now(),
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                status,
                body));
    }

    private int query(JsonNode request, ObjectNode[] answer) {
        List<String> scope = new ArrayList<>();
        request.path("subscriptions").forEach(id -> scope.add(id.asText().toLowerCase(Locale.ROOT)));
        for (String subscriptionId : scope) {
            if (forbidden.contains(subscriptionId)) {
                answer[0] = error(
                        "AuthorizationFailed",
                        "The client does not have authorization to perform action "
                                + "'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/"
                                + subscriptionId + "'");
                return 403;
            }
        }
        String query = request.path("query").asText();
        String tableName = query.split("\\s", 2)[0];
        List<JsonNode> table = tables.get(tableName);
        if (table == null) {
            answer[0] = error("BadRequest", "table " + tableName + " is not faked");
            return 400;
        }
        Set<String> targets = targets(query);
        List<JsonNode> matching = table.stream()
                .filter(row ->
                        scope.contains(row.path("subscriptionId").asText().toLowerCase(Locale.ROOT)))
                .filter(row -> targets == null || targets.contains(target(tableName, row)))
                .toList();
        JsonNode options = request.path("options");
        int top = Math.min(pageSize, options.path("$top").asInt(pageSize));
        int from = options.hasNonNull("$skipToken")
                ? Integer.parseInt(options.path("$skipToken").asText())
                : 0;
        int to = Math.min(matching.size(), from + top);
        ObjectNode response = AzureSamples.JSON.createObjectNode();
        response.put("totalRecords", matching.size());
        response.put("count", to - from);
        response.put("resultTruncated", "false");
        if (to < matching.size()) {
            response.put("$skipToken", Integer.toString(to));
        }
        ArrayNode data = response.putArray("data");
        matching.subList(from, to).forEach(data::add);
        answer[0] = response;
        return 200;
    }

    /** The IDs of {@code | where target in ('a', 'b')}, unescaped; null when the query names no targets. */
    private static Set<String> targets(String query) {
        int at = query.indexOf(TARGET_FILTER);
        if (at < 0) {
            return null;
        }
        Set<String> targets = new HashSet<>();
        String list = query.substring(at + TARGET_FILTER.length());
        Matcher literal = KQL_STRING.matcher(list);
        int from = 0;
        while (literal.find(from)) {
            targets.add(literal.group(1).replaceAll("\\\\(.)", "$1"));
            if (list.substring(literal.end()).stripLeading().startsWith(")")) {
                break;
            }
            from = literal.end();
        }
        return targets;
    }

    /** The row's target as the real query's {@code extend target = ...} computes it. */
    private static String target(String table, JsonNode row) {
        String id = (table.equals("policyresources") ? row.path("properties").path("resourceId") : row.path("id"))
                .asText()
                .toLowerCase(Locale.ROOT);
        String child = table.equals("insightresources")
                ? "/providers/microsoft.insights/datacollectionruleassociations/"
                : "/extensions/";
        int at = id.indexOf(child);
        return at < 0 ? id : id.substring(0, at);
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode error = AzureSamples.JSON.createObjectNode();
        error.putObject("error").put("code", code).put("message", message);
        return error;
    }

    @Override
    public void close() {
        https.close();
    }
}
