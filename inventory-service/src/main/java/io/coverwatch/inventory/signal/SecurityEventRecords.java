package io.coverwatch.inventory.signal;

import static io.coverwatch.inventory.signal.ExportedFields.armId;
import static io.coverwatch.inventory.signal.ExportedFields.required;
import static io.coverwatch.inventory.signal.ExportedFields.text;
import static io.coverwatch.inventory.signal.ExportedFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.inventory.signal.ExportedFields.UnreadableField;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads rows of the Log Analytics {@code SecurityEvent} table (Windows security events the Azure Monitor Agent
 * collected) as data export delivers them: each is a {@link SecuritySignal} of kind {@code SECURITY_EVENT}, evidence
 * that the machine's agent is collecting. Columns Coverwatch does not use are ignored.
 */
public final class SecurityEventRecords {

    private static final Pattern EVENT_ID = Pattern.compile("\\d+");

    private SecurityEventRecords() {}

    /** Why one row was refused. */
    public record RowError(int index, String reason) {}

    /** The signals read from the good rows, and why each bad one was refused. */
    public record Batch(List<SecuritySignal> signals, List<RowError> errors) {}

    public static Batch read(List<JsonNode> rows) {
        List<SecuritySignal> signals = new ArrayList<>(rows.size());
        List<RowError> errors = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            try {
                signals.add(signal(rows.get(index)));
            } catch (UnreadableField e) {
                errors.add(new RowError(index, e.getMessage()));
            }
        }
        return new Batch(signals, errors);
    }

    /**
     * Data export may deliver a row twice: the same event ID at the same time from the same computer on the same
     * machine is one signal, so consumers deduplicate it.
     */
    public static String signalId(String resourceId, Instant timeGenerated, String eventId, String computer) {
        String identity = AzureResource.normalizeId(resourceId) + "|" + timeGenerated + "|" + eventId + "|" + computer;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static SecuritySignal signal(JsonNode row) {
        if (!row.isObject()) {
            throw new UnreadableField("is not a JSON object");
        }
        String resourceId = armId(text(row, "_ResourceId"), "_ResourceId");
        Instant timeGenerated = time(required(text(row, "TimeGenerated"), "TimeGenerated"), "TimeGenerated");
        String eventId = required(text(row, "EventID"), "EventID");
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new UnreadableField("EventID is not a number: " + eventId);
        }
        String computer = text(row, "Computer");
        return new SecuritySignal(
                signalId(resourceId, timeGenerated, eventId, computer),
                resourceId,
                SecuritySignal.SignalKind.SECURITY_EVENT,
                eventId,
                null,
                timeGenerated);
    }
}
