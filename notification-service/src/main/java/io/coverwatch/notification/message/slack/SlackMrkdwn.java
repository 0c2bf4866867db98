package io.coverwatch.notification.message.slack;

import io.coverwatch.notification.message.NoticeWording;
import io.coverwatch.notification.message.PortalLink;
import io.coverwatch.notification.message.UntrustedText;
import java.time.Instant;

/**
 * Untrusted text made inert in Slack's mrkdwn. Slack's control characters {@code &}, {@code <} and {@code >} become
 * HTML entities, as Slack documents (the reader sees the characters), which also defuses {@code <!channel>},
 * {@code <@U123>} and {@code <https://evil|click>}. Slack has no escape for its formatting characters, so {@code *},
 * {@code _}, {@code ~} and {@code `} become look-alikes that carry no markup, but only where they could format
 * ({@link UntrustedText#couldDelimitEmphasis}): {@code dev_test_03} reads as written. Every mrkdwn text object is also
 * sent {@code verbatim}, so Slack neither links URLs nor parses mentions in it.
 */
final class SlackMrkdwn {

    private SlackMrkdwn() {}

    static String escape(String raw, int maxLength) {
        return UntrustedText.escape(raw, SlackMrkdwn::escapeAt, maxLength);
    }

    /** {@code <url|label>}: the only link a message has, to a URL Coverwatch built. */
    static String link(PortalLink link, String escapedLabel) {
        return "<" + link.url().replace("&", "&amp;") + "|" + escapedLabel + ">";
    }

    /**
     * A time Slack shows in the reader's time zone ("Yesterday at 11:49"), with the UTC time for clients that cannot.
     */
    static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + NoticeWording.utcFallback(at) + ">";
    }

    private static String escapeAt(int[] text, int index) {
        int codePoint = text[index];
        return switch (codePoint) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '*' -> UntrustedText.couldDelimitEmphasis(text, index) ? "∗" : "*"; // U+2217 ASTERISK OPERATOR
            case '_' ->
                UntrustedText.couldDelimitEmphasis(text, index) ? "ˍ" : "_"; // U+02CD MODIFIER LETTER LOW MACRON
            case '~' -> UntrustedText.couldDelimitEmphasis(text, index) ? "∼" : "~"; // U+223C TILDE OPERATOR
            case '`' -> UntrustedText.couldDelimitCode(text) ? "ˋ" : "`"; // U+02CB MODIFIER LETTER GRAVE ACCENT
            default -> Character.toString(codePoint);
        };
    }
}
