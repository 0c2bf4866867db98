package io.coverwatch.notification.message.teams;

import io.coverwatch.notification.message.UntrustedText;
import java.util.regex.Pattern;

/**
 * Untrusted text made inert in an Adaptive Card's Markdown (TextBlock text, Fact values). A backslash before ASCII
 * punctuation means "this character, literally" in CommonMark; it goes only where a character would otherwise form
 * markup, so that ordinary text reads as written ({@code Step 6 (Extension status)}, {@code dev-test-03}, {@code 10.0}):
 *
 * <ul>
 *   <li>{@code *} and {@code _} where they could open or close emphasis ({@link UntrustedText#couldDelimitEmphasis});
 *   <li>{@code `} when another one could close a code span;
 *   <li>{@code ]} before {@code (}, which is what makes {@code [x](y)} and {@code ![x](y)} a link or an image;
 *   <li>{@code <} before what could start an autolink or HTML, {@code &} that would start an entity;
 *   <li>a backslash that would escape the punctuation after it;
 *   <li>block syntax ({@code - }, {@code 1. }, {@code # }, {@code > }, {@code ---}) where it starts the text: untrusted
 *       text has no line breaks left ({@link UntrustedText}), so nowhere else.
 * </ul>
 */
final class TeamsMarkdown {

    private static final Pattern BLOCK_START =
            Pattern.compile("^([-+*](?=\\s|$)|#{1,6}(?=\\s|$)|>|([-*_])(?=(\\s*\\2){2,}\\s*$))");
    private static final Pattern ORDERED_MARKER = Pattern.compile("^\\d{1,9}(?=[.)](\\s|$))");
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private TeamsMarkdown() {}

    static String escape(String raw, int maxLength) {
        // Leading spaces would make an indented code block; one char is kept for a block marker's backslash.
        String inline = UntrustedText.escape(raw, TeamsMarkdown::escapeAt, maxLength - 1)
                .strip();
        String ordered = ORDERED_MARKER.matcher(inline).replaceFirst(marker -> marker.group() + "\\\\");
        return ordered.equals(inline)
                ? BLOCK_START.matcher(inline).replaceFirst(marker -> "\\\\" + marker.group())
                : ordered;
    }

    private static String escapeAt(int[] text, int index) {
        int codePoint = text[index];
        int next = index + 1 < text.length ? text[index + 1] : -1;
        boolean markup =
                switch (codePoint) {
                    case '*', '_' -> UntrustedText.couldDelimitEmphasis(text, index);
                    case '`' -> UntrustedText.couldDelimitCode(text);
                    case ']' -> next == '(';
                    case '<' -> next != -1 && (Character.isLetter(next) || "/!?".indexOf(next) >= 0);
                    case '&' ->
                        ENTITY.matcher(new String(text, index, Math.min(text.length - index, 40)))
                                .lookingAt();
                    case '\\' -> next != -1 && ASCII_PUNCTUATION.indexOf(next) >= 0;
                    default -> false;
                };
        return markup ? "\\" + Character.toString(codePoint) : Character.toString(codePoint);
    }
}
