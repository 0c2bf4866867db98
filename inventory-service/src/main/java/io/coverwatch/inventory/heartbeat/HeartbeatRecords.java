package io.coverwatch.inventory.heartbeat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.AgentHeartbeat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads rows of the Log Analytics {@code Heartbeat} table, as agents push them and as data export delivers them
 * (either a JSON array or the {@code {"records": [...]}} envelope). Every bad record is named by its index and field,
 * so a client can fix its batch; fields the table has but Coverwatch does not use are ignored.
 *
 * <p>A batch comes either as a parsed tree (Event Hubs, which dead-letters each bad record's JSON) or as a stream
 * (the REST API, where a batch of thousands of rows is never held as a tree); both go through the same checks.
 */
public final class HeartbeatRecords {

    private static final Pattern ARM_ID = Pattern.compile("/subscriptions/[^/]+/.+", Pattern.CASE_INSENSITIVE);
    private static final JsonFactory JSON = new JsonFactory();
    private static final String NOT_A_BATCH = "expected a JSON array of Heartbeat records or {\"records\": [...]}";

    private HeartbeatRecords() {}

    /** Why one record was refused. */
    public record RecordError(int index, String field, String reason) {}

    /**
     * The heartbeats read from the good records, and why each bad one was refused.
     *
     * @param records how many records the batch has, including any past the limit that were counted but not read
     */
    public record Batch(List<AgentHeartbeat> heartbeats, List<RecordError> errors, int records) {}

    /** The columns Coverwatch reads, each with the longest value evaluation-service stores for it. */
    private enum Column {
        RESOURCE_ID("_ResourceId", 1024),
        LEGACY_RESOURCE_ID("ResourceId", 1024),
        COMPUTER("Computer", 256),
        CATEGORY("Category", 64),
        OS_TYPE("OSType", 64),
        VERSION("Version", 64),
        COMPUTER_IP("ComputerIP", 64),
        TIME_GENERATED("TimeGenerated", 64),
        REMOTE_IP_COUNTRY("RemoteIPCountry", 128);

        static final Map<String, Column> BY_FIELD =
                Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(c -> c.field, Function.identity()));

        final String field;
        final int maxLength;

        Column(String field, int maxLength) {
            this.field = field;
            this.maxLength = maxLength;
        }
    }

    /** The records of a batch: the array itself, or the array under {@code records}. */
    public static List<JsonNode> records(JsonNode body) {
        JsonNode records = body != null && body.isObject() ? body.get("records") : body;
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException(NOT_A_BATCH);
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
            if (!record.isObject()) {
                errors.add(notAnObject(index));
                continue;
            }
            String[] columns = new String[Column.values().length];
            for (Column column : Column.values()) {
                JsonNode value = record.get(column.field);
                columns[column.ordinal()] = value == null || value.isNull() ? null : text(value.asText());
            }
            read(index, columns, now, maxClockSkew, heartbeats, errors);
        }
        return new Batch(heartbeats, errors, records.size());
    }

    /**
     * Reads a batch as it streams in, without building a tree; records past {@code maxRecords} are only counted.
     *
     * @throws IllegalArgumentException when the JSON is neither an array of records nor the envelope
     * @throws IOException when it is not JSON (a {@link com.fasterxml.jackson.core.JsonProcessingException})
     */
    public static Batch read(InputStream json, Instant now, Duration maxClockSkew, int maxRecords) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            Batch batch = null;
            if (first == JsonToken.START_ARRAY) {
                batch = readArray(parser, now, maxClockSkew, maxRecords);
            } else if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean records = "records".equals(parser.currentName());
                    if (parser.nextToken() == JsonToken.START_ARRAY && records && batch == null) {
                        batch = readArray(parser, now, maxClockSkew, maxRecords);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            if (batch == null) {
                throw new IllegalArgumentException(NOT_A_BATCH);
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the batch");
            }
            return batch;
        }
    }

    private static Batch readArray(JsonParser parser, Instant now, Duration maxClockSkew, int maxRecords)
            throws IOException {
        List<AgentHeartbeat> heartbeats = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (index >= maxRecords || token != JsonToken.START_OBJECT) {
                if (index < maxRecords) {
                    errors.add(notAnObject(index));
                }
                parser.skipChildren();
                index++;
                continue;
            }
            String[] columns = new String[Column.values().length];
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Column column = Column.BY_FIELD.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (column != null) {
                    columns[column.ordinal()] =
                            value.isScalarValue() && value != JsonToken.VALUE_NULL ? text(parser.getText()) : null;
                }
                parser.skipChildren();
            }
            read(index++, columns, now, maxClockSkew, heartbeats, errors);
        }
        return new Batch(heartbeats, errors, index);
    }

    /** The checks every record goes through, however it was read. */
    private static void read(
            int index,
            String[] columns,
            Instant now,
            Duration maxClockSkew,
            List<AgentHeartbeat> heartbeats,
            List<RecordError> errors) {
        int errorsBefore = errors.size();
        for (Column column : Column.values()) {
            String value = columns[column.ordinal()];
            if (value != null && value.length() > column.maxLength) {
                errors.add(new RecordError(index, column.field, "is longer than " + column.maxLength + " characters"));
            } else if (value != null && value.chars().anyMatch(Character::isISOControl)) {
                errors.add(new RecordError(index, column.field, "must not contain NUL or other control characters"));
            }
        }
        if (errors.size() > errorsBefore) {
            return;
        }
        String resourceId = columns[Column.RESOURCE_ID.ordinal()];
        if (resourceId == null) {
            resourceId = columns[Column.LEGACY_RESOURCE_ID.ordinal()];
        }
        if (resourceId == null) {
            errors.add(new RecordError(index, "_ResourceId", "is required"));
        } else if (!ARM_ID.matcher(resourceId).matches()) {
            errors.add(new RecordError(index, "_ResourceId", "is not an ARM resource ID"));
        }
        String category = columns[Column.CATEGORY.ordinal()];
        if (category == null) {
            errors.add(new RecordError(index, "Category", "is required"));
        }
        Instant timeGenerated =
                timeGenerated(columns[Column.TIME_GENERATED.ordinal()], index, now, maxClockSkew, errors);
        if (errors.size() == errorsBefore) {
            heartbeats.add(new AgentHeartbeat(
                    resourceId,
                    columns[Column.COMPUTER.ordinal()],
                    category,
                    columns[Column.OS_TYPE.ordinal()],
                    columns[Column.VERSION.ordinal()],
                    columns[Column.COMPUTER_IP.ordinal()],
                    timeGenerated,
                    columns[Column.REMOTE_IP_COUNTRY.ordinal()]));
        }
    }

    private static Instant timeGenerated(
            String value, int index, Instant now, Duration maxClockSkew, List<RecordError> errors) {
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

    private static RecordError notAnObject(int index) {
        return new RecordError(index, null, "is not a JSON object");
    }

    private static String text(String value) {
        return value.isBlank() ? null : value;
    }
}
