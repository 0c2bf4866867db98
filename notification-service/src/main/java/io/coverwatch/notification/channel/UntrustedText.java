package io.coverwatch.notification.channel;

import java.util.function.IntFunction;

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
     * Escapes {@code raw} for a channel and clips it to {@code maxLength} chars (the ellipsis included).
     *
     * <p>Before escaping, line breaks and other control characters become spaces (a new line is where Markdown's block
     * syntax starts), bidirectional overrides and isolates become U+FFFD (they could make a name read as something
     * else), and unpaired surrogates become U+FFFD (channels reject them).
     *
     * @param raw             the untrusted text; null reads as empty
     * @param escapeCodePoint the channel's escape of one (already neutralised) code point
     * @param maxLength       the most chars the result may have
     */
    public static String escape(String raw, IntFunction<String> escapeCodePoint, int maxLength) {
        if (raw == null || raw.isEmpty() || maxLength < ELLIPSIS.length()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length() + 16, maxLength));
        int i = 0;
        while (i < raw.length()) {
            int codePoint = raw.codePointAt(i);
            i += Character.charCount(codePoint);
            String piece = escapeCodePoint.apply(neutralised(codePoint));
            // Until the last code point, keep room for the ellipsis that clipping would add.
            int room = maxLength - (i < raw.length() ? ELLIPSIS.length() : 0);
            if (out.length() + piece.length() > room) {
                return out.append(ELLIPSIS).toString();
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** {@link #escape} with no markup escape: for channels' plain-text fields. */
    public static String plain(String raw, int maxLength) {
        return escape(raw, Character::toString, maxLength);
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
