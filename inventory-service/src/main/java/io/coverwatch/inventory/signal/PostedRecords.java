package io.coverwatch.inventory.signal;

import static io.coverwatch.inventory.signal.ExportedFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.inventory.signal.ExportedFields.UnreadableField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Defender recommendations and security signals posted to the REST API rather than streamed through Event Hubs, read
 * by the same readers ({@link DefenderExportRecords}, {@link SecurityEventRecords}), so both ways in accept and
 * refuse the same records and make the same events. A body is {@code {"records": [...]}}, an array of records, or one
 * record.
 */
public final class PostedRecords {

    static final String ASSESSMENT_TYPE = "Microsoft.Security/assessments";
    static final String SECURITY_ALERT_TABLE = "SecurityAlert";
    static final String SECURITY_EVENT_TABLE = "SecurityEvent";

    private PostedRecords() {}

    /**
     * Why one record was refused.
     *
     * @param index the record's place in the body; -1 when the body as a whole is unreadable
     */
    public record RecordError(int index, String reason) {}

    /** The records read from a body, and why each bad one was refused. */
    public record Batch<T>(int records, List<T> read, List<RecordError> errors) {}

    /**
     * Recommendations in continuous export's shape ({@code Microsoft.Security/assessments}); anything else is refused.
     *
     * @param receivedAt the time of a recommendation that carries no {@code statusChangeDate}
     */
    public static Batch<DefenderAssessment> assessments(JsonNode body, Instant receivedAt) {
        List<JsonNode> records = DefenderExportRecords.items(body);
        if (records == null) {
            return unreadable();
        }
        List<DefenderAssessment> assessments = new ArrayList<>(records.size());
        List<RecordError> errors = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            JsonNode record = records.get(index);
            String type = record.isObject() ? text(record, "type") : null;
            if (!ASSESSMENT_TYPE.equalsIgnoreCase(type)) {
                errors.add(new RecordError(
                        index,
                        "type is " + (type == null ? "missing" : "'" + type + "'") + ": a recommendation is "
                                + ASSESSMENT_TYPE));
                continue;
            }
            DefenderExportRecords.Decoded decoded = DefenderExportRecords.decode(record, receivedAt);
            assessments.addAll(decoded.assessments());
            int at = index;
            decoded.unreadable().forEach(error -> errors.add(new RecordError(at, error.reason())));
        }
        return new Batch<>(records.size(), assessments, errors);
    }

    /**
     * Rows of the Log Analytics tables {@code SecurityAlert} (Defender alerts) and {@code SecurityEvent} (Windows
     * security events), told apart by their {@code Type} column.
     */
    public static Batch<SecuritySignal> securitySignals(JsonNode body) {
        List<JsonNode> records = DefenderExportRecords.items(body);
        if (records == null) {
            return unreadable();
        }
        List<SecuritySignal> signals = new ArrayList<>(records.size());
        List<RecordError> errors = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            JsonNode record = records.get(index);
            String table = record.isObject() ? text(record, "Type") : null;
            if (SECURITY_ALERT_TABLE.equalsIgnoreCase(table)) {
                try {
                    signals.add(DefenderExportRecords.securityAlert(record));
                } catch (UnreadableField e) {
                    errors.add(new RecordError(index, e.getMessage()));
                }
            } else if (SECURITY_EVENT_TABLE.equalsIgnoreCase(table)) {
                SecurityEventRecords.Batch batch = SecurityEventRecords.read(List.of(record));
                signals.addAll(batch.signals());
                int at = index;
                batch.errors().forEach(error -> errors.add(new RecordError(at, error.reason())));
            } else {
                errors.add(new RecordError(
                        index,
                        "Type is " + (table == null ? "missing" : "'" + table + "'") + ": a security signal is a row"
                                + " of " + SECURITY_ALERT_TABLE + " or " + SECURITY_EVENT_TABLE));
            }
        }
        return new Batch<>(records.size(), signals, errors);
    }

    private static <T> Batch<T> unreadable() {
        return new Batch<>(
                0,
                List.of(),
                List.of(new RecordError(-1, "expected {\"records\": [...]}, an array of records or one record")));
    }
}
