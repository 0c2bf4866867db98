package io.coverwatch.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads timestamps as the contracts write them ({@code 2026-11-24T10:00:00Z}, {@code 2026-11-24T10:00:00.123456Z}:
 * {@link Instant#toString()}'s form) without a {@code DateTimeFormatter}, which allocates a few kilobytes per parse:
 * every heartbeat carries two timestamps, and at a hundred thousand heartbeats a second that garbage was most of what
 * the collector did. Any other form (an offset, a lower-case {@code z}, a leap second) goes to {@link Instant#parse}.
 */
public final class InstantText {

    private static final int SECONDS_END = "2026-11-24T10:00:00".length();
    /** Nanoseconds per unit of a fraction with 1 … 9 digits. */
    private static final int[] NANOS_PER_UNIT = {
        0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    private InstantText() {}

    /**
     * @throws DateTimeParseException as {@link Instant#parse} does
     */
    public static Instant parse(CharSequence text) {
        int length = text.length();
        if (length < SECONDS_END + 1
                || length > SECONDS_END + 11
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > SECONDS_END + 1) {
            int fractionDigits = length - SECONDS_END - 2;
            if (text.charAt(SECONDS_END) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return Instant.parse(text);
            }
            int fraction = digits(text, SECONDS_END + 1, length - 1);
            nanos = fraction < 0 ? -1 : fraction * NANOS_PER_UNIT[fractionDigits];
        }
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || nanos < 0) {
            return Instant.parse(text);
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return Instant.parse(text); // an impossible date: Instant.parse reports it in its own words
        }
    }

    /** The decimal number in {@code text[from, to)}; -1 when a character is not a digit. */
    private static int digits(CharSequence text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Jackson's reading of an {@link Instant}, through {@link #parse} for strings; anything else as before. */
    static final class Deserializer extends JsonDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String text = parser.getText().trim();
                try {
                    return parse(text);
                } catch (DateTimeParseException e) {
                    // falls through: the standard deserializer reports it (or reads a form it knows)
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
