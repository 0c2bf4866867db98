package io.coverwatch.inventory.signal;

import static io.coverwatch.inventory.signal.ExportedFields.armId;
import static io.coverwatch.inventory.signal.ExportedFields.firstText;
import static io.coverwatch.inventory.signal.ExportedFields.required;
import static io.coverwatch.inventory.signal.ExportedFields.text;
import static io.coverwatch.inventory.signal.ExportedFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.Severity;
import io.coverwatch.inventory.signal.ExportedFields.UnreadableField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads Defender for Cloud continuous export as it streams to an Event Hub. Microsoft documents each exported item
 * but publishes no whole Event Hubs message, so the body is taken as the {@code {"records": [...]}} envelope of
 * diagnostic settings, a bare array of items, or a single item.
 *
 * <ul>
 *   <li>alerts, in the Alerts REST API shape ({@code Microsoft.Security/Locations/alerts}) that the docs name for
 *       Event Hubs, and in the PascalCase {@code SecurityAlert} shape (no {@code type}; {@code SystemAlertId}): a
 *       {@link SecuritySignal} of kind {@code DEFENDER_ALERT};
 *   <li>recommendations ({@code Microsoft.Security/assessments}): a {@link DefenderAssessment};
 *   <li>secure scores ({@code Microsoft.Security/secureScores}): a {@link DefenderSecureScore};
 *   <li>sub-assessments and secure score controls: exported, but not used by Coverwatch; {@link Skipped}, not
 *       unreadable.
 * </ul>
 *
 * Anything else, and an item that lacks what Coverwatch needs, is unreadable with the reason. Resource Graph's
 * {@code securityresources} rows have the same shape (with the type lower-cased), so the Azure sync reads its
 * recommendations and secure scores here too.
 */
public final class DefenderExportRecords {

    /** Exported data Coverwatch does not use: counted, neither published nor dead-lettered. */
    public enum Skipped {
        SUB_ASSESSMENT("Microsoft.Security/assessments/subAssessments"),
        SECURE_SCORE_CONTROL("Microsoft.Security/secureScores/secureScoreControls");

        private final String armType;

        Skipped(String armType) {
            this.armType = armType;
        }
    }

    /**
     * An item that could not be read, with why.
     *
     * @param index the item's place in the event; -1 when the event as a whole is unreadable
     * @param item  the item; null when the event as a whole is unreadable
     */
    public record Unreadable(int index, JsonNode item, String reason) {}

    /** What one Event Hubs event carried. */
    public record Decoded(
            List<DefenderAssessment> assessments,
            List<SecuritySignal> alerts,
            List<DefenderSecureScore> secureScores,
            List<Skipped> skipped,
            List<Unreadable> unreadable) {}

    private static final String ALERT_TYPE = "Microsoft.Security/Locations/alerts";
    private static final String ASSESSMENT_TYPE = "Microsoft.Security/assessments";
    private static final String SECURE_SCORE_TYPE = "Microsoft.Security/secureScores";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASSESSMENTS_SEGMENT = "/providers/microsoft.security/assessments/";

    /** How an item of each {@code type} is read; the PascalCase alert has no type. */
    private static final Map<String, ItemReader> READERS_BY_TYPE = readersByType();

    private static final ItemReader SECURITY_ALERT = (item, exportedAt, into) -> into.alerts.add(securityAlert(item));

    private static final Map<String, AssessmentStatus> STATUS_BY_CODE = bySpelling(AssessmentStatus.values());
    private static final Map<String, Severity> SEVERITY_BY_NAME = bySpelling(Severity.values());

    private DefenderExportRecords() {}

    @FunctionalInterface
    private interface ItemReader {
        void read(JsonNode item, Instant exportedAt, Decoding into);
    }

    /** The lists being filled while one event is read. */
    private static final class Decoding {
        final List<DefenderAssessment> assessments = new ArrayList<>();
        final List<SecuritySignal> alerts = new ArrayList<>();
        final List<DefenderSecureScore> secureScores = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        final List<Unreadable> unreadable = new ArrayList<>();
    }

    /**
     * Reads every item of one Event Hubs event.
     *
     * @param exportedAt when the event was exported (its enqueued time): the time of an assessment that carries none
     */
    public static Decoded decode(JsonNode event, Instant exportedAt) {
        Decoding decoding = new Decoding();
        List<JsonNode> items = items(event);
        if (items == null) {
            decoding.unreadable.add(new Unreadable(
                    -1, null, "expected {\"records\": [...]}, an array of exported items or one exported item"));
        } else {
            for (int index = 0; index < items.size(); index++) {
                read(index, items.get(index), exportedAt, decoding);
            }
        }
        return new Decoded(
                List.copyOf(decoding.assessments),
                List.copyOf(decoding.alerts),
                List.copyOf(decoding.secureScores),
                List.copyOf(decoding.skipped),
                List.copyOf(decoding.unreadable));
    }

    /** The assessment status Defender spells so ({@code Healthy}, {@code Unhealthy}, {@code NotApplicable}). */
    public static Optional<AssessmentStatus> status(String code) {
        return Optional.ofNullable(code).map(value -> STATUS_BY_CODE.get(value.toLowerCase(Locale.ROOT)));
    }

    /** The severity Defender spells so ({@code High}, {@code Medium}, {@code Low}). */
    public static Optional<Severity> severity(String name) {
        return Optional.ofNullable(name).map(value -> SEVERITY_BY_NAME.get(value.toLowerCase(Locale.ROOT)));
    }

    /** The items of the envelope, of a bare array, or the one bare item; null when the body is none of these. */
    static List<JsonNode> items(JsonNode event) {
        if (event == null) {
            return null;
        }
        if (event.isObject() && !event.has("records")) {
            return List.of(event);
        }
        JsonNode items = event.isObject() ? event.get("records") : event;
        if (!items.isArray()) {
            return null;
        }
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        return list;
    }

    private static void read(int index, JsonNode item, Instant exportedAt, Decoding into) {
        String type = item.isObject() ? text(item, "type") : null;
        ItemReader reader = type != null
                ? READERS_BY_TYPE.get(type.toLowerCase(Locale.ROOT))
                : item.has("SystemAlertId") ? SECURITY_ALERT : null;
        if (reader == null) {
            into.unreadable.add(new Unreadable(
                    index,
                    item,
                    type == null
                            ? "not a continuous export item: neither a type nor a SystemAlertId"
                            : "not a continuous export item Coverwatch knows: type " + type));
            return;
        }
        try {
            reader.read(item, exportedAt, into);
        } catch (UnreadableField e) {
            into.unreadable.add(new Unreadable(index, item, e.getMessage()));
        }
    }

    /** An alert as the Alerts REST API returns it. */
    private static SecuritySignal restAlert(JsonNode item) {
        JsonNode properties = item.path("properties");
        String alertId = required(text(properties, "systemAlertId"), "properties.systemAlertId");
        String resourceId = null;
        for (JsonNode identifier : properties.path("resourceIdentifiers")) {
            if ("AzureResource".equalsIgnoreCase(text(identifier, "type"))) {
                resourceId = text(identifier, "azureResourceId");
            }
        }
        return new SecuritySignal(
                alertId,
                armId(resourceId, "properties.resourceIdentifiers[type AzureResource].azureResourceId"),
                SecuritySignal.SignalKind.DEFENDER_ALERT,
                text(properties, "alertType"),
                text(properties, "severity"),
                alertTime(
                        properties,
                        "properties.timeGeneratedUtc or properties.startTimeUtc",
                        "timeGeneratedUtc",
                        "startTimeUtc"));
    }

    /**
     * An alert in the PascalCase {@code SecurityAlert} shape: workflow automation's ({@code AzureResourceId}, {@code
     * ReportedSeverity}, {@code StartTimeUtc}) or a row of the Log Analytics table ({@code ResourceId}, {@code
     * AlertSeverity}, {@code StartTime}).
     */
    static SecuritySignal securityAlert(JsonNode item) {
        String resourceField = text(item, "AzureResourceId") == null && text(item, "ResourceId") != null
                ? "ResourceId"
                : "AzureResourceId";
        return new SecuritySignal(
                required(text(item, "SystemAlertId"), "SystemAlertId"),
                armId(text(item, resourceField), resourceField),
                SecuritySignal.SignalKind.DEFENDER_ALERT,
                text(item, "AlertType"),
                firstText(item, "ReportedSeverity", "Severity", "AlertSeverity"),
                alertTime(
                        item,
                        "TimeGenerated, StartTimeUtc or StartTime",
                        "TimeGenerated",
                        "StartTimeUtc",
                        "StartTime"));
    }

    private static Instant alertTime(JsonNode node, String what, String... fields) {
        for (String field : fields) {
            if (text(node, field) != null) {
                return time(text(node, field), field);
            }
        }
        throw new UnreadableField(what + " is required");
    }

    /** A recommendation on one resource, with the metadata and links the export inlines where present. */
    private static DefenderAssessment assessment(JsonNode item, Instant exportedAt) {
        JsonNode properties = item.path("properties");
        JsonNode status = properties.path("status");
        String id = text(item, "id");
        String key = text(item, "name");
        if (key == null && id != null) {
            key = id.substring(id.lastIndexOf('/') + 1);
        }
        String code = required(text(status, "code"), "properties.status.code");
        String severity = text(properties.path("metadata"), "severity");
        String displayName = text(properties, "displayName");
        Instant statusChanged = time(text(status, "statusChangeDate"), "properties.status.statusChangeDate");
        return new DefenderAssessment(
                id,
                required(key, "name"),
                displayName != null ? displayName : text(properties.path("metadata"), "displayName"),
                armId(assessedResource(properties, id), "properties.resourceDetails.id"),
                status(code)
                        .orElseThrow(() -> new UnreadableField(
                                "properties.status.code is not Healthy, Unhealthy or NotApplicable: " + code)),
                severity == null
                        ? null
                        : severity(severity)
                                .orElseThrow(() -> new UnreadableField(
                                        "properties.metadata.severity is not High, Medium or Low: " + severity)),
                text(status, "cause"),
                text(properties.path("metadata"), "remediationDescription"),
                firstText(properties.path("links"), "azurePortal", "azurePortalUri"),
                statusChanged != null ? statusChanged : exportedAt);
    }

    /**
     * A subscription's secure score as of when it was read: Azure stamps no time on it.
     *
     * @param readAt the export time, or when the sync read it
     */
    private static DefenderSecureScore secureScore(JsonNode item, Instant readAt) {
        String id = required(text(item, "id"), "id");
        String subscriptionId = subscriptionOf(id);
        if (subscriptionId == null) {
            throw new UnreadableField("id is not the ID of a subscription's secure score: '" + id + "'");
        }
        JsonNode properties = item.path("properties");
        JsonNode score = properties.path("score");
        JsonNode weight = properties.path("weight");
        return new DefenderSecureScore(
                subscriptionId,
                id,
                firstText(properties, "displayName"),
                number(score, "current", "properties.score.current").doubleValue(),
                number(score, "max", "properties.score.max").intValue(),
                number(score, "percentage", "properties.score.percentage").doubleValue(),
                weight.isIntegralNumber() ? weight.longValue() : null,
                readAt);
    }

    /** {@code /subscriptions/<id>} of an ID directly under a subscription; null otherwise. */
    private static String subscriptionOf(String id) {
        String[] segments = id.split("/");
        return segments.length > 2 && segments[1].equalsIgnoreCase("subscriptions") && !segments[2].isBlank()
                ? "/subscriptions/" + segments[2]
                : null;
    }

    private static Number number(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new UnreadableField(name + " is required and must be a number");
        }
        return value.numberValue();
    }

    /**
     * {@code resourceDetails.id} (Resource Graph spells it {@code Id}); for sources that carry none, the resource
     * the assessment ID is under.
     */
    private static String assessedResource(JsonNode properties, String assessmentId) {
        String resourceId = firstText(properties.path("resourceDetails"), "id", "Id");
        if (resourceId != null || assessmentId == null) {
            return resourceId;
        }
        int providers = assessmentId.toLowerCase(Locale.ROOT).lastIndexOf(ASSESSMENTS_SEGMENT);
        return providers > 0 ? assessmentId.substring(0, providers) : null;
    }

    private static Map<String, ItemReader> readersByType() {
        Map<String, ItemReader> readers = new HashMap<>();
        readers.put(ALERT_TYPE.toLowerCase(Locale.ROOT), (item, exportedAt, into) -> into.alerts.add(restAlert(item)));
        readers.put(
                ASSESSMENT_TYPE.toLowerCase(Locale.ROOT),
                (item, exportedAt, into) -> into.assessments.add(assessment(item, exportedAt)));
        readers.put(
                SECURE_SCORE_TYPE.toLowerCase(Locale.ROOT),
                (item, exportedAt, into) -> into.secureScores.add(secureScore(item, exportedAt)));
        for (Skipped skipped : Skipped.values()) {
            readers.put(
                    skipped.armType.toLowerCase(Locale.ROOT), (item, exportedAt, into) -> into.skipped.add(skipped));
        }
        return Map.copyOf(readers);
    }

    /** The constants by their JSON spelling (the contracts' {@code @JsonProperty}), lower-cased. */
    private static <E extends Enum<E>> Map<String, E> bySpelling(E[] values) {
        return Arrays.stream(values)
                .collect(Collectors.toUnmodifiableMap(
                        value -> JSON.convertValue(value, String.class).toLowerCase(Locale.ROOT), Function.identity()));
    }
}
