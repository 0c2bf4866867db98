package io.coverwatch.notification.channel.teams;

import io.coverwatch.notification.channel.UntrustedText;
import java.util.regex.Pattern;

/**
 * Untrusted text made inert in an Adaptive Card's Markdown (TextBlock text, Fact values). A backslash before ASCII
 * punctuation means "this character, literally" in CommonMark, so every character that can open inline syntax anywhere
 * (emphasis, links and images, code, HTML, entities, tables, strikethrough, headings) gets one. Block syntax only
 * starts a line, and untrusted text has no line breaks left ({@link UntrustedText}), so list markers ({@code -},
 * {@code +}, {@code 1.}) are escaped only where they start the text: names such as {@code dev-test-03} stay clean.
 */
final class TeamsMarkdown {

    private static final String INLINE_MARKUP = "\\`*_{}[]<>()#!|~&";
    private static final Pattern LIST_MARKER = Pattern.compile("^([-+]|\\d{1,9}(?=\\.))");

    private TeamsMarkdown() {}

    static String escape(String raw, int maxLength) {
        // Leading spaces would make an indented code block; one char is kept for a list marker's backslash.
        String inline = UntrustedText.escape(raw, TeamsMarkdown::escapeCodePoint, maxLength - 1)
                .strip();
        return LIST_MARKER
                .matcher(inline)
                .replaceFirst(
                        marker -> marker.group().matches("\\d+") ? marker.group() + "\\\\" : "\\\\" + marker.group());
    }

    private static String escapeCodePoint(int codePoint) {
        return codePoint < 0x80 && INLINE_MARKUP.indexOf(codePoint) >= 0
                ? "\\" + (char) codePoint
                : Character.toString(codePoint);
    }
}
