package io.coverwatch.inventory.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureLocalInstanceDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.ResourceDetails;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.inventory.signal.DefenderExportRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a demo estate file (format: {@code demo/README.md}): {@code {"resources": [...]}}, each entry an
 * {@link AzureResource} as the contracts write it, machines optionally with {@code amaHeartbeat},
 * {@code legacyAgentHeartbeat}, {@code lastHeartbeatAgo} and {@code defenderAlerts}, any resource with
 * {@code defenderRecommendations}.
 */
public final class EstateFile {

    static final String CLASSPATH_PREFIX = "classpath:";
    static final String AMA_HEARTBEAT = "amaHeartbeat";
    static final String LEGACY_AGENT_HEARTBEAT = "legacyAgentHeartbeat";
    static final String LAST_HEARTBEAT_AGO = "lastHeartbeatAgo";
    static final String DEFENDER_RECOMMENDATIONS = "defenderRecommendations";
    static final String DEFENDER_ALERTS = "defenderAlerts";

    /** Alert severities as Defender spells them. */
    private static final List<String> ALERT_SEVERITIES = List.of("High", "Medium", "Low", "Informational");

    /** The details each modelled ARM type must carry; other types are generic. */
    private static final Map<String, Class<? extends ResourceDetails>> DETAILS_BY_TYPE = Map.of(
            AzureResource.SUBSCRIPTION_TYPE.toLowerCase(Locale.ROOT), SubscriptionDetails.class,
            AzureResource.VIRTUAL_MACHINE_TYPE.toLowerCase(Locale.ROOT), VirtualMachineDetails.class,
            AzureResource.ARC_MACHINE_TYPE.toLowerCase(Locale.ROOT), ArcMachineDetails.class,
            AzureResource.AZURE_LOCAL_INSTANCE_TYPE.toLowerCase(Locale.ROOT), AzureLocalInstanceDetails.class);

    private static final ObjectMapper TREES = new ObjectMapper();

    private EstateFile() {}

    /** Reads the estate at a location as {@link DemoConfig#estate()} names it. */
    public static List<DemoResource> load(String location) {
        try (InputStream in = open(location)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo estate " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String path = location.substring(CLASSPATH_PREFIX.length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IOException("No classpath resource " + path);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    /**
     * Parses and checks an estate.
     *
     * @param source names the estate in error messages
     * @throws EstateFileException listing every problem, when there is any
     */
    public static List<DemoResource> parse(String json, String source) {
        JsonNode root;
        try {
            root = TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EstateFileException(source, List.of("not JSON: " + e.getOriginalMessage()));
        }
        if (root == null
                || !root.path("resources").isArray()
                || root.path("resources").isEmpty()) {
            throw new EstateFileException(source, List.of("expected an object with a non-empty \"resources\" array"));
        }
        List<String> problems = new ArrayList<>();
        List<DemoResource> resources = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("resources")) {
            String where = "resources[" + index++ + "]";
            if (!entry.isObject()) {
                problems.add(where + ": not an object");
                continue;
            }
            String id = entry.path("id").asText(null);
            DemoResource resource = entry(entry.deepCopy(), id == null ? where : where + " " + id, problems);
            if (resource != null) {
                resources.add(resource);
            }
        }
        checkReferences(resources, problems);
        if (!problems.isEmpty()) {
            throw new EstateFileException(source, problems);
        }
        return List.copyOf(resources);
    }

    private static DemoResource entry(ObjectNode entry, String where, List<String> problems) {
        JsonNode ama = entry.remove(AMA_HEARTBEAT);
        JsonNode legacy = entry.remove(LEGACY_AGENT_HEARTBEAT);
        JsonNode ago = entry.remove(LAST_HEARTBEAT_AGO);
        JsonNode recommendations = entry.remove(DEFENDER_RECOMMENDATIONS);
        JsonNode alerts = entry.remove(DEFENDER_ALERTS);
        AzureResource resource;
        try {
            resource = ContractsJson.fromJson(entry.toString(), AzureResource.class);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problems.add(where + ": not a resource: " + firstLine(cause.getMessage()));
            return null;
        }
        int before = problems.size();
        checkResource(resource, where, problems);
        boolean machine = Machines.isMachine(resource);
        AgentState amaState = agentState(ama, AMA_HEARTBEAT, machine, where, problems);
        AgentState legacyState = agentState(legacy, LEGACY_AGENT_HEARTBEAT, machine, where, problems);
        Duration lastHeartbeatAgo = null;
        if (ago != null) {
            lastHeartbeatAgo = duration(ago, where + ": " + LAST_HEARTBEAT_AGO, problems);
            if (amaState != AgentState.STOPPED) {
                problems.add(where + ": " + LAST_HEARTBEAT_AGO + " needs \"" + AMA_HEARTBEAT + "\": \"stopped\"");
            }
        }
        List<DemoRecommendation> defenderRecommendations = recommendations(recommendations, where, problems);
        List<DemoAlert> defenderAlerts = alerts(alerts, machine, where, problems);
        return problems.size() > before
                ? null
                : new DemoResource(
                        resource, amaState, legacyState, lastHeartbeatAgo, defenderRecommendations, defenderAlerts);
    }

    private static List<DemoRecommendation> recommendations(JsonNode value, String where, List<String> problems) {
        List<DemoRecommendation> recommendations = new ArrayList<>();
        for (JsonNode item : array(value, where + ": " + DEFENDER_RECOMMENDATIONS, problems)) {
            String at = where + ": " + DEFENDER_RECOMMENDATIONS + "[" + recommendations.size() + "]";
            String displayName = item.path("displayName").asText(null);
            if (displayName == null || displayName.isBlank()) {
                problems.add(at + ": displayName is missing");
            }
            String severity = item.path("severity").asText(null);
            Severity parsedSeverity = severity == null
                    ? null
                    : DefenderExportRecords.severity(severity).orElseGet(() -> {
                        problems.add(at + ": severity must be High, Medium or Low, not " + severity);
                        return null;
                    });
            String status = item.path("status").asText("Unhealthy");
            AssessmentStatus parsedStatus = DefenderExportRecords.status(status).orElseGet(() -> {
                problems.add(at + ": status must be Healthy, Unhealthy or NotApplicable, not " + status);
                return AssessmentStatus.UNHEALTHY;
            });
            recommendations.add(
                    new DemoRecommendation(displayName == null ? "" : displayName, parsedSeverity, parsedStatus));
        }
        return recommendations;
    }

    private static List<DemoAlert> alerts(JsonNode value, boolean machine, String where, List<String> problems) {
        if (value != null && !machine) {
            problems.add(where + ": " + DEFENDER_ALERTS + " is only for virtual machines and Arc machines");
            return List.of();
        }
        List<DemoAlert> alerts = new ArrayList<>();
        for (JsonNode item : array(value, where + ": " + DEFENDER_ALERTS, problems)) {
            String at = where + ": " + DEFENDER_ALERTS + "[" + alerts.size() + "]";
            String alertType = item.path("alertType").asText(null);
            if (alertType == null || alertType.isBlank()) {
                problems.add(at + ": alertType is missing");
            }
            String severity = item.path("severity").asText(null);
            if (severity != null && !ALERT_SEVERITIES.contains(severity)) {
                problems.add(at + ": severity must be one of " + ALERT_SEVERITIES + ", not " + severity);
            }
            Duration ago = item.has("ago") ? duration(item.get("ago"), at + ": ago", problems) : Duration.ZERO;
            alerts.add(new DemoAlert(alertType == null ? "" : alertType, severity, ago == null ? Duration.ZERO : ago));
        }
        return alerts;
    }

    /** The elements of an optional array field; none when it is absent or (a problem) not an array of objects. */
    private static List<JsonNode> array(JsonNode value, String field, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        if (!value.isArray() || items.stream().anyMatch(item -> !item.isObject())) {
            problems.add(field + " must be an array of objects");
            return List.of();
        }
        return items;
    }

    private static void checkResource(AzureResource resource, String where, List<String> problems) {
        if (!resource.id().toLowerCase(Locale.ROOT).startsWith("/subscriptions/")) {
            problems.add(where + ": id must be an ARM resource ID (/subscriptions/...)");
        }
        if (resource.type().isBlank()) {
            problems.add(where + ": type is missing");
        }
        if (resource.name() == null || resource.name().isBlank()) {
            problems.add(where + ": name is missing");
        }
        if (resource.subscriptionId() == null || resource.subscriptionId().isBlank()) {
            problems.add(where + ": subscriptionId is missing");
        } else if (!resource.id()
                .toLowerCase(Locale.ROOT)
                .startsWith(AzureResource.subscriptionResourceId(resource.subscriptionId())
                        .toLowerCase(Locale.ROOT))) {
            problems.add(where + ": id is not in subscription " + resource.subscriptionId());
        }
        Class<? extends ResourceDetails> expected =
                DETAILS_BY_TYPE.get(resource.type().toLowerCase(Locale.ROOT));
        if (expected != null && !expected.isInstance(resource.details())) {
            problems.add(where + ": a " + resource.type() + " needs details of kind " + kindOf(expected));
        }
    }

    private static AgentState agentState(
            JsonNode value, String field, boolean machine, String where, List<String> problems) {
        if (value == null) {
            return null;
        }
        if (!machine) {
            problems.add(where + ": " + field + " is only for virtual machines and Arc machines");
            return null;
        }
        return AgentState.parse(value.asText()).orElseGet(() -> {
            problems.add(where + ": " + field + " must be \"running\" or \"stopped\", not " + value);
            return null;
        });
    }

    private static Duration duration(JsonNode value, String field, List<String> problems) {
        try {
            Duration duration = Duration.parse(value.asText());
            if (duration.isNegative() || duration.isZero()) {
                problems.add(field + " must be positive");
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            problems.add(field + " must be an ISO-8601 duration such as PT4H, not " + value);
            return null;
        }
    }

    /** IDs are unique; every resource's subscription and Azure Local instance are in the estate too. */
    private static void checkReferences(List<DemoResource> resources, List<String> problems) {
        Set<String> ids = new HashSet<>();
        Map<String, String> types = new HashMap<>();
        for (DemoResource resource : resources) {
            String key = AzureResource.normalizeId(resource.id());
            if (!ids.add(key)) {
                problems.add(resource.id() + ": appears twice (IDs compare case-insensitively)");
            }
            types.put(key, resource.resource().type());
        }
        for (DemoResource demo : resources) {
            AzureResource resource = demo.resource();
            String subscription =
                    AzureResource.normalizeId(AzureResource.subscriptionResourceId(resource.subscriptionId()));
            if (!AzureResource.SUBSCRIPTION_TYPE.equalsIgnoreCase(types.get(subscription))) {
                problems.add(
                        resource.id() + ": its subscription " + resource.subscriptionId() + " is not in the estate");
            }
            String instance = resource.azureLocalInstanceId();
            if (instance != null
                    && !AzureResource.AZURE_LOCAL_INSTANCE_TYPE.equalsIgnoreCase(
                            types.get(AzureResource.normalizeId(instance)))) {
                problems.add(resource.id() + ": azureLocalInstanceId " + instance
                        + " is not an Azure Local instance of the estate");
            }
        }
    }

    private static String kindOf(Class<? extends ResourceDetails> details) {
        String simple = details.getSimpleName().replace("Details", "");
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
