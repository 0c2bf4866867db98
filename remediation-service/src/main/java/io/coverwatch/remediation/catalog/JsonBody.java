package io.coverwatch.remediation.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body as ordered JSON members (values: strings, booleans, numbers, lists, nested bodies), rendered without a
 * JSON library so that the catalog stays plain Java; the executor sends {@link #text()} as is.
 */
public record JsonBody(Map<String, Object> members) {

    public JsonBody {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** A body from alternating names and values, in that order. */
    public static JsonBody of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new JsonBody(members);
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        write(this, out);
        return out.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof JsonBody body) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, Object> member : body.members.entrySet()) {
                out.append(separator);
                string(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof String text) {
            string(text, out);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
