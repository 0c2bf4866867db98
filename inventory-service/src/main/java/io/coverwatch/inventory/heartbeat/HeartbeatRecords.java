package io.coverwatch.inventory.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.AgentHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads rows of the Log Analytics {@code Heartbeat} table, as agents push them and as data export delivers them
 * (either a JSON array or the {@code {"records": [...]}} envelope). Every bad record is named by its index and field,
 * so a client can fix its batch; fields the table has but Coverwatch does not use are ignored.
 */
public final class HeartbeatRecords {

    private static final Pattern ARM_ID = Pattern.compile("/subscriptions/[^/]+/.+", Pattern.CASE_INSENSITIVE);

    private HeartbeatRecords() {}

    /** Why one record was refused. */
    public record RecordError(int index, String field, String reason) {}

    /** The heartbeats read from the good records, and why each bad one was refused. */
    public record Batch(List<AgentHeartbeat> heartbeats, List<RecordError> errors) {}

    /** The records of a batch: the array itself, or the array under {@code records}. */
    public static List<JsonNode> records(JsonNode body) {
        JsonNode records = body != null && body.isObject() ? body.get("records") : body;
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of Heartbeat records or {\"records\": [...]}");
        }
        List<JsonNode> list = new ArrayList<>(records.size());
        records.forEach(list::add);
        return list;
    }

    /**
     * Reads every record.
     *
     * @param now           the receiving clock
     * @param maxClockSkew  how far in the future a TimeGenerated may lie
     */
    public static Batch read(List<JsonNode> records, Instant now, Duration maxClockSkew) {
        List<AgentHeartbeat> heartbeats = new ArrayList<>(records.size());
        List<RecordError> errors = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            JsonNode record = records.get(index);
            int errorsBefore = errors.size();
            if (!record.isObject()) {
                errors.add(new RecordError(index, null, "is not a JSON object"));
                continue;
            }
            String resourceId = text(record, "_ResourceId");
            if (resourceId == null) {
                resourceId = text(record, "ResourceId");
            }
            if (resourceId == null) {
                errors.add(new RecordError(index, "_ResourceId", "is required"));
            } else if (!ARM_ID.matcher(resourceId).matches()) {
                errors.add(new RecordError(index, "_ResourceId", "is not an ARM resource ID"));
            }
            String category = text(record, "Category");
            if (category == null) {
                errors.add(new RecordError(index, "Category", "is required"));
            }
            Instant timeGenerated = timeGenerated(record, index, now, maxClockSkew, errors);
            if (errors.size() == errorsBefore) {
                heartbeats.add(new AgentHeartbeat(
                        resourceId,
                        text(record, "Computer"),
                        category,
                        text(record, "OSType"),
                        text(record, "Version"),
                        text(record, "ComputerIP"),
                        timeGenerated,
                        text(record, "RemoteIPCountry")));
            }
        }
        return new Batch(heartbeats, errors);
    }

    private static Instant timeGenerated(
            JsonNode record, int index, Instant now, Duration maxClockSkew, List<RecordError> errors) {
        String value = text(record, "TimeGenerated");
        if (value == null) {
            errors.add(new RecordError(index, "TimeGenerated", "is required"));
            return null;
        }
        try {
            Instant time = Instant.parse(value);
            if (time.isAfter(now.plus(maxClockSkew))) {
                errors.add(new RecordError(
                        index, "TimeGenerated", "is in the future (" + value + ", received at " + now + ")"));
            }
            return time;
        } catch (DateTimeParseException e) {
            errors.add(new RecordError(index, "TimeGenerated", "is not an ISO-8601 UTC timestamp: " + value));
            return null;
        }
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
