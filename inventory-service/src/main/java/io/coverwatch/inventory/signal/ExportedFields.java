package io.coverwatch.inventory.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reading the fields of records Azure exports (Defender continuous export, Log Analytics data export). A field that
 * is required but missing or malformed is an {@link UnreadableField}, whose message says which and why.
 */
final class ExportedFields {

    /** A subscription, or anything inside one. */
    private static final Pattern ARM_ID = Pattern.compile("/subscriptions/[^/]+(/.+)?", Pattern.CASE_INSENSITIVE);

    private ExportedFields() {}

    /** Why a record cannot be read: its message names the field. */
    static final class UnreadableField extends RuntimeException {
        UnreadableField(String message) {
            super(message, null, false, false);
        }
    }

    /** The field's text; null when it is missing, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** The first of the fields that has text; null when none has. */
    static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static String required(String value, String field) {
        if (value == null) {
            throw new UnreadableField(field + " is required");
        }
        return value;
    }

    static String armId(String value, String field) {
        if (!ARM_ID.matcher(required(value, field)).matches()) {
            throw new UnreadableField(field + " is not an ARM resource ID: '" + value + "'");
        }
        return value;
    }

    /** An ISO-8601 UTC timestamp; null when the value is null. */
    static Instant time(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableField(field + " is not an ISO-8601 UTC timestamp: " + value);
        }
    }
}
