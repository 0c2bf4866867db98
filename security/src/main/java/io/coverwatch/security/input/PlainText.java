package io.coverwatch.security.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Strings of a request body hold text: NUL (which PostgreSQL cannot store) and the other control characters are
 * refused where they are read, in values and in map keys alike. Tab, line feed and carriage return stay: a reason or a
 * comment may span lines.
 */
final class PlainText extends StdScalarDeserializer<String> {

    static final String REFUSED =
            "must not contain NUL or other control characters (tab, line feed and carriage" + " return are allowed)";

    PlainText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return checked(StringDeserializer.instance.deserialize(parser, context), parser);
    }

    static String checked(String text, JsonParser parser) throws InvalidFormatException {
        if (text != null && !allowed(text)) {
            throw InvalidFormatException.from(parser, REFUSED, text, String.class);
        }
        return text;
    }

    /** Whether the text has no control character but tab, line feed and carriage return. */
    static boolean allowed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Map keys: tag names, matcher labels. */
    static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser());
        }
    }
}
