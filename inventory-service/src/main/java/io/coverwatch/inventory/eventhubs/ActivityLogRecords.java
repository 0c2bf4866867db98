package io.coverwatch.inventory.eventhubs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the Activity Log as diagnostic settings stream it to Event Hubs ({@code {"records": [...]}}): a successful
 * write or delete of a resource is a reason to look at that resource again now, instead of at the next full sync.
 * Reads, actions and operations that did not succeed changed nothing and are skipped.
 */
public final class ActivityLogRecords {

    /** What happened to the resource. */
    public enum Change {
        WRITTEN,
        DELETED
    }

    /** A resource that a successful operation wrote or deleted. */
    public record ResourceChange(String resourceId, Change change, Instant time) {}

    /** A record that could not be read, with why: it goes to the dead-letter topic, the rest go on. */
    public record Unreadable(int index, String reason) {}

    /** The changes of one Event Hubs event, and the records that could not be read. */
    public record Decoded(List<ResourceChange> changes, List<Unreadable> unreadable) {}

    private static final Map<String, Change> CHANGE_BY_SUFFIX =
            Map.of("/write", Change.WRITTEN, "/delete", Change.DELETED);

    private ActivityLogRecords() {}

    public static Decoded decode(JsonNode event) {
        JsonNode records = event == null ? null : event.get("records");
        if (records == null || !records.isArray()) {
            return new Decoded(List.of(), List.of(new Unreadable(-1, "no \"records\" array")));
        }
        List<ResourceChange> changes = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            JsonNode record = records.get(index);
            String operation = record.path("operationName").asText("").toLowerCase(Locale.ROOT);
            Change change = CHANGE_BY_SUFFIX.entrySet().stream()
                    .filter(entry -> operation.endsWith(entry.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (change == null
                    || !"success".equalsIgnoreCase(record.path("resultType").asText())) {
                continue;
            }
            String resourceId = record.path("resourceId").asText("");
            if (!resourceId.startsWith("/subscriptions/")) {
                unreadable.add(new Unreadable(index, "resourceId is not an ARM resource ID: '" + resourceId + "'"));
                continue;
            }
            try {
                changes.add(new ResourceChange(
                        resourceId, change, Instant.parse(record.path("time").asText())));
            } catch (DateTimeParseException e) {
                unreadable.add(new Unreadable(index, "time is not an ISO-8601 timestamp"));
            }
        }
        return new Decoded(changes, unreadable);
    }
}
