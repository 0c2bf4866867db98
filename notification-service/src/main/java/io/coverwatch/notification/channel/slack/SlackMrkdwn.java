package io.coverwatch.notification.channel.slack;

import io.coverwatch.notification.channel.PortalLink;
import io.coverwatch.notification.channel.UntrustedText;

/**
 * Untrusted text made inert in Slack's mrkdwn. Slack's control characters {@code &}, {@code <} and {@code >} become
 * HTML entities, as Slack documents, which also defuses {@code <!channel>}, {@code <@U123>} and
 * {@code <https://evil|click>}. Slack has no escape for its formatting characters, so {@code *}, {@code _}, {@code ~}
 * and {@code `} become look-alikes that carry no markup. Every mrkdwn text object is also sent {@code verbatim}, so
 * Slack neither links URLs nor parses mentions in it.
 */
final class SlackMrkdwn {

    private SlackMrkdwn() {}

    static String escape(String raw, int maxLength) {
        return UntrustedText.escape(raw, SlackMrkdwn::escapeCodePoint, maxLength);
    }

    /** {@code <url|label>}: the only link a message has, to a URL Coverwatch built. */
    static String link(PortalLink link, String escapedLabel) {
        return "<" + link.url().replace("&", "&amp;") + "|" + escapedLabel + ">";
    }

    private static String escapeCodePoint(int codePoint) {
        return switch (codePoint) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '*' -> "∗"; // U+2217 ASTERISK OPERATOR
            case '_' -> "ˍ"; // U+02CD MODIFIER LETTER LOW MACRON
            case '~' -> "∼"; // U+223C TILDE OPERATOR
            case '`' -> "ˋ"; // U+02CB MODIFIER LETTER GRAVE ACCENT
            default -> Character.toString(codePoint);
        };
    }
}
