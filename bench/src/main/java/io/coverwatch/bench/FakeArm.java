package io.coverwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coverwatch.localinfra.LoopbackHttps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Azure Resource Manager of a {@link Tenant} on loopback, for inventory-service's real Azure SDK clients: over HTTPS
 * (the SDK speaks nothing else to Resource Manager) the subscription list, Defender's workspace settings of each
 * subscription and the Resource Graph query endpoint, paged with {@code $skipToken} at most 1,000 rows a page as
 * Resource Graph does; over plain HTTP, as on App Service, the managed identity endpoint that gives the service its
 * bearer token ({@code DefaultAzureCredential} finds it in {@code IDENTITY_ENDPOINT}). A query's rows are chosen by its
 * table and its {@code where type} clause, the only clauses of the full sync's queries that select rows; a targeted
 * read ({@code where target in}) is refused, since no resource changes in the onboard scenario. It notes when it
 * answered last: after that, the sync works with what it read.
 *
 * <p>The tenant's rows are rendered to JSON once, before the fake serves: Resource Graph has its rows when a sync
 * begins, and this fake shares the machine with the services it measures. Making a subscription's 2,700 rows as trees
 * and writing them for every page took about 0.15 ms of CPU per resource the sync read (docs/benchmarks.md, onboard),
 * a tenth of what the whole machine spends on onboarding; a page is now its rows' bytes, joined.
 *
 * <p>It lists a range of the tenant's subscriptions ({@link #list}), so a bench can onboard one tenant after another
 * into the same services; subscriptions outside the range answer 403, as those out of the identity's reach do, and
 * only the listed ones' rows are kept rendered.
 */
final class FakeArm implements AutoCloseable {

    /** Rows per Resource Graph page at most, whatever {@code $top} asks: Resource Graph's own limit. */
    static final int MAX_PAGE = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "onboard-bench-token";
    private static final String IDENTITY_HEADER = "onboard-bench-identity-header";
    private static final String CLIENT_ID = "0b0a4d00-0000-4000-8000-00000000c11d";
    private static final String TOKEN_PATH = "/msi/token";
    private static final Pattern WORKSPACE_SETTINGS =
            Pattern.compile("(?i)/subscriptions/[^/]+/providers/Microsoft\\.Security/workspaceSettings");
    /** {@code | where type in~ ('a', 'b')} or {@code | where type =~ 'a'}: the types are the quoted strings. */
    private static final Pattern TYPE_FILTER =
            Pattern.compile("\\| where type (?:in~|=~) \\(?((?:\\s*'[^']*'\\s*,?)+)");

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    /** The tables that hold rows here (see {@link Tenant#rows}); every other table is empty. */
    private static final List<String> TABLES = List.of("resources", "securityresources");

    private final Tenant tenant;
    private final LoopbackHttps arm;
    private final HttpServer identity;
    private volatile Listing listing;
    /** The rendered rows a table's type filter selects in a subscription, by {@link #key} and filter. */
    private final Map<String, List<byte[]>> selected = new ConcurrentHashMap<>();

    private final AtomicInteger pages = new AtomicInteger();
    private volatile Instant lastAnswered;

    private record Answer(int status, byte[] body) {}

    /** A Resource Graph row: its type, for a query's filter, and its JSON. */
    private record Row(String type, byte[] json) {}

    /**
     * The subscriptions listed, {@code from} to {@code to} (exclusive), and their rows rendered, by table and
     * subscription ({@link #key}).
     */
    private record Listing(int from, int to, Map<String, List<Row>> rendered) {

        boolean lists(int subscription) {
            return subscription >= from && subscription < to;
        }
    }

    private FakeArm(Tenant tenant, int from, int to) throws Exception {
        this.tenant = tenant;
        list(from, to);
        this.arm = LoopbackHttps.start(this::answerArm);
        this.identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identity.createContext(TOKEN_PATH, this::answerToken);
        identity.start();
    }

    /**
     * Serves the tenant's subscriptions {@code from} to {@code to} (exclusive) on free ports, with a fresh certificate
     * the trust store of {@link #inventoryConfig} holds.
     */
    static FakeArm serve(Tenant tenant, int from, int to) throws Exception {
        return new FakeArm(tenant, from, to);
    }

    /**
     * Lists the tenant's subscriptions {@code from} to {@code to} (exclusive) from now on, and renders their rows;
     * call it between syncs.
     */
    synchronized void list(int from, int to) throws JsonProcessingException {
        // The old rows go first: two tenants' rows at once would take twice the bench's memory.
        listing = new Listing(from, from, Map.of());
        selected.clear();
        Map<String, List<Row>> rendered = new HashMap<>();
        for (String table : TABLES) {
            for (int subscription = from; subscription < to; subscription++) {
                List<Row> rows = new ArrayList<>();
                for (ObjectNode row : tenant.rows(table, subscription)) {
                    rows.add(new Row(row.path("type").asText(), JSON.writeValueAsBytes(row)));
                }
                rendered.put(key(table, subscription), rows);
            }
        }
        listing = new Listing(from, to, rendered);
    }

    /** What points inventory-service's Azure sync at this fake: a custom cloud on its endpoint, trusting its TLS. */
    Map<String, String> inventoryConfig() {
        String endpoint = arm.endpoint() + "/";
        return Map.of(
                "coverwatch.inventory.azure.enabled",
                "true",
                "coverwatch.inventory.azure.environment",
                "CUSTOM",
                "coverwatch.inventory.azure.resource-manager-endpoint",
                endpoint,
                // Required of a custom cloud; a managed identity does not sign in there.
                "coverwatch.inventory.azure.authority-host",
                endpoint,
                "coverwatch.inventory.azure.trust-store",
                arm.trustStore().toString(),
                "coverwatch.inventory.azure.trust-store-password",
                LoopbackHttps.TRUST_STORE_PASSWORD);
    }

    /**
     * The environment of an App Service managed identity, pointing at this fake's token endpoint. The SDK reads these
     * two variables from the environment only, not from system properties.
     */
    Map<String, String> managedIdentity() {
        return Map.of(
                "IDENTITY_ENDPOINT",
                "http://127.0.0.1:" + identity.getAddress().getPort() + TOKEN_PATH,
                "IDENTITY_HEADER",
                IDENTITY_HEADER);
    }

    /** When Resource Manager last answered; null before the first request. */
    Instant lastAnswered() {
        return lastAnswered;
    }

    /** Resource Graph pages served, every table's. */
    int pages() {
        return pages.get();
    }

    private void answerArm(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Answer answer;
            try {
                if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    answer = error(401, "InvalidAuthenticationToken", "no or wrong bearer token");
                } else if (method.equals("GET") && path.equals("/subscriptions")) {
                    Listing shown = listing;
                    ObjectNode list = JSON.createObjectNode();
                    ArrayNode value = list.putArray("value");
                    for (int subscription = shown.from(); subscription < shown.to(); subscription++) {
                        value.add(tenant.subscription(subscription));
                    }
                    list.putObject("count").put("type", "Total").put("value", shown.to() - shown.from());
                    answer = json(200, list);
                } else if (method.equals("GET")
                        && WORKSPACE_SETTINGS.matcher(path).matches()) {
                    // No workspace of the subscription's own: Defender sends to the default ones it creates.
                    answer = json(200, JSON.createObjectNode().set("value", JSON.createArrayNode()));
                } else if (method.equals("POST")
                        && path.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
                    answer = query(JSON.readTree(exchange.getRequestBody()));
                } else {
                    answer = error(404, "NotFound", method + " " + path + " is not faked");
                }
            } catch (RuntimeException e) {
                answer = error(500, "InternalServerError", e.toString());
            }
            send(exchange, answer);
            lastAnswered = Instant.now();
        }
    }

    /** One page of a Resource Graph query over the subscriptions it names, rows in subscription order. */
    private Answer query(JsonNode request) {
        String query = request.path("query").asText();
        if (query.contains("| where target in")) {
            return error(400, "BadRequest", "targeted reads are not faked: " + query);
        }
        String table = query.split("\\s", 2)[0].toLowerCase(Locale.ROOT);
        Set<String> types = types(query);
        List<Integer> scope = new ArrayList<>();
        for (JsonNode subscriptionId : request.path("subscriptions")) {
            int subscription = tenant.subscriptionIndex(subscriptionId.asText());
            if (subscription < 0 || !listing.lists(subscription)) {
                return error(
                        403,
                        "AuthorizationFailed",
                        "The client does not have authorization to perform action "
                                + "'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/"
                                + subscriptionId.asText() + "'");
            }
            scope.add(subscription);
        }
        JsonNode options = request.path("options");
        int top = Math.min(MAX_PAGE, options.path("$top").asInt(MAX_PAGE));
        long skip = options.hasNonNull("$skipToken")
                ? Long.parseLong(options.path("$skipToken").asText())
                : 0;
        List<byte[]> data = new ArrayList<>();
        long total = 0;
        for (int subscription : scope) {
            List<byte[]> rows = rows(table, types, subscription);
            if (data.size() < top && skip < total + rows.size()) {
                int from = (int) Math.max(0, skip - total);
                data.addAll(rows.subList(from, Math.min(rows.size(), from + top - data.size())));
            }
            total += rows.size();
        }
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.writeBytes(("{\"totalRecords\":" + total + ",\"count\":" + data.size() + ",\"resultTruncated\":\"false\",")
                .getBytes(StandardCharsets.UTF_8));
        if (skip + data.size() < total) {
            page.writeBytes(("\"$skipToken\":\"" + (skip + data.size()) + "\",").getBytes(StandardCharsets.UTF_8));
        }
        page.writeBytes("\"data\":[".getBytes(StandardCharsets.UTF_8));
        for (int row = 0; row < data.size(); row++) {
            if (row > 0) {
                page.write(',');
            }
            page.writeBytes(data.get(row));
        }
        page.writeBytes("],\"facets\":[]}".getBytes(StandardCharsets.UTF_8));
        pages.incrementAndGet();
        return new Answer(200, page.toByteArray());
    }

    /** The rendered rows of a table in a subscription that the type filter selects (every row when it is null). */
    private List<byte[]> rows(String table, Set<String> types, int subscription) {
        return selected.computeIfAbsent(
                key(table, subscription) + " " + types,
                ignored -> listing.rendered().getOrDefault(key(table, subscription), List.of()).stream()
                        .filter(row -> types == null || types.contains(row.type()))
                        .map(Row::json)
                        .toList());
    }

    private static String key(String table, int subscription) {
        return table + " " + subscription;
    }

    /** The lower-cased types of the query's {@code where type} clause; null when it has none (every row). */
    private static Set<String> types(String query) {
        Matcher filter = TYPE_FILTER.matcher(query);
        if (!filter.find()) {
            return null;
        }
        Set<String> types = new HashSet<>();
        Matcher quoted = QUOTED.matcher(filter.group(1));
        while (quoted.find()) {
            types.add(quoted.group(1).toLowerCase(Locale.ROOT));
        }
        return types;
    }

    /** {@code GET /msi/token?api-version=2019-08-01&resource=...} with the identity header, as App Service answers. */
    private void answerToken(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
            if (!IDENTITY_HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))
                    || !parameters.containsKey("resource")) {
                send(exchange, error(400, "invalid_request", "no identity header or no resource"));
                return;
            }
            ObjectNode token = JSON.createObjectNode()
                    .put("access_token", TOKEN)
                    .put(
                            "expires_on",
                            Long.toString(
                                    Instant.now().plus(Duration.ofHours(1)).getEpochSecond()))
                    .put("resource", parameters.get("resource"))
                    .put("token_type", "Bearer")
                    .put("client_id", CLIENT_ID);
            send(exchange, json(200, token));
        }
    }

    private static Map<String, String> parameters(String rawQuery) {
        if (rawQuery == null) {
            return Map.of();
        }
        return List.of(rawQuery.split("&")).stream()
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> pair.length < 2 ? "" : URLDecoder.decode(pair[1], StandardCharsets.UTF_8),
                        (first, second) -> first));
    }

    private static Answer error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return json(status, body);
    }

    private static Answer json(int status, JsonNode body) {
        try {
            return new Answer(status, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree the fake made cannot be written", e);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body();
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        arm.close();
        identity.stop(0);
    }
}
