package io.coverwatch.notification.message;

import java.util.Arrays;

/**
 * Text that comes from the estate (resource names, tags, diagnoses, messages) made safe to embed in a channel's
 * markup: every code point goes through the channel's escape, and the result is clipped to the channel's limit without
 * ever cutting an escape or a surrogate pair in half.
 */
public final class UntrustedText {

    /** Marks text that was clipped to fit a limit. */
    public static final String ELLIPSIS = "…";

    private UntrustedText() {}

    /**
     * A channel's escape of the code point at {@code index} of the (already neutralised) text. It sees the whole text,
     * so that it can leave a character alone where it forms no markup: an underscore inside {@code dev_test_03}, a
     * parenthesis, a dot.
     */
    @FunctionalInterface
    public interface Escape {
        String at(int[] text, int index);
    }

    /**
     * Escapes {@code raw} for a channel and clips it to {@code maxLength} chars (the ellipsis included).
     *
     * <p>Before escaping, line breaks and other control characters become spaces (a new line is where Markdown's block
     * syntax starts), bidirectional overrides and isolates become U+FFFD (they could make a name read as something
     * else), and unpaired surrogates become U+FFFD (channels reject them).
     *
     * @param raw       the untrusted text; null reads as empty
     * @param escape    the channel's escape of one code point in its context
     * @param maxLength the most chars the result may have
     */
    public static String escape(String raw, Escape escape, int maxLength) {
        if (raw == null || raw.isEmpty() || maxLength < ELLIPSIS.length()) {
            return "";
        }
        int[] text = raw.codePoints().map(UntrustedText::neutralised).toArray();
        StringBuilder out = new StringBuilder(Math.min(raw.length() + 16, maxLength));
        for (int i = 0; i < text.length; i++) {
            String piece = escape.at(text, i);
            // Until the last code point, keep room for the ellipsis that clipping would add.
            int room = maxLength - (i + 1 < text.length ? ELLIPSIS.length() : 0);
            if (out.length() + piece.length() > room) {
                return out.append(ELLIPSIS).toString();
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** {@link #escape} with no markup escape: for channels' plain-text fields. */
    public static String plain(String raw, int maxLength) {
        return escape(raw, (text, index) -> Character.toString(text[index]), maxLength);
    }

    /**
     * Whether the emphasis character at {@code index} ({@code *}, {@code _}, {@code ~}) could open or close emphasis:
     * not when it stands between spaces ({@code a * b}), and an underscore not inside a word ({@code dev_test_03}),
     * where neither CommonMark nor Slack ever reads it as emphasis.
     */
    public static boolean couldDelimitEmphasis(int[] text, int index) {
        int before = index > 0 ? text[index - 1] : ' ';
        int after = index + 1 < text.length ? text[index + 1] : ' ';
        if (Character.isWhitespace(before) && Character.isWhitespace(after)) {
            return false;
        }
        return !(text[index] == '_' && Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
    }

    /** Whether a backtick could form code: only with another backtick in the text to pair with. */
    public static boolean couldDelimitCode(int[] text) {
        return Arrays.stream(text).filter(c -> c == '`').limit(2).count() == 2;
    }

    static int neutralised(int codePoint) {
        if (Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029) {
            return ' ';
        }
        boolean bidiControl =
                (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
        boolean loneSurrogate = Character.getType(codePoint) == Character.SURROGATE;
        return bidiControl || loneSurrogate ? 0xFFFD : codePoint;
    }
}
