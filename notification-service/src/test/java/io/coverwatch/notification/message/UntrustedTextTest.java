package io.coverwatch.notification.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    @Test
    void textWithinTheLimitIsOnlyEscaped() {
        assertEquals("dev-test-03", UntrustedText.plain("dev-test-03", 11));
        assertEquals(
                "a\\*b",
                UntrustedText.escape("a*b", (text, i) -> text[i] == '*' ? "\\*" : Character.toString(text[i]), 10));
        assertEquals("", UntrustedText.plain(null, 10));
    }

    @Test
    void clippedTextEndsWithAnEllipsisWithinTheLimit() {
        String clipped = UntrustedText.plain("prod-web-01", 6);
        assertEquals("prod-…", clipped);
        assertEquals(6, clipped.length());
    }

    @Test
    void clippingNeverCutsAnEscapeInHalf() {
        // "&amp;" is 5 chars: with 5 allowed, "a&amp;" plus an ellipsis does not fit, so the escape goes whole.
        String clipped =
                UntrustedText.escape("a&b&c", (text, i) -> text[i] == '&' ? "&amp;" : Character.toString(text[i]), 5);
        assertEquals("a…", clipped);
    }

    @Test
    void clippingNeverCutsASurrogatePair() {
        String clipped = UntrustedText.plain("🔥🔥🔥", 4);
        assertEquals("🔥…", clipped);
        assertTrue(clipped.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE));
    }

    @Test
    void lineBreaksAndControlsBecomeSpacesAndBidiOverridesBecomeVisible() {
        assertEquals("prod *x* y", UntrustedText.plain("prod\n*x*\ty", 100));
        assertEquals("\uFFFDexe.txt", UntrustedText.plain("\u202Eexe.txt", 100));
        assertEquals("a\uFFFDb", UntrustedText.plain("a\uD800b", 100));
    }

    @Test
    void rightToLeftTextAndEmojiAreKeptAsWritten() {
        assertEquals("خادم-الإنتاج-01 👩‍💻", UntrustedText.plain("خادم-الإنتاج-01 👩‍💻", 100));
    }
}
