package io.coverwatch.notification.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealTest {

    private static final String SLACK_URL =
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static final String AT = "channel/6f1c0e9e-soc-alerts/url";
    private static final String KEY_2025 = randomKey();
    private static final String KEY_2026 = randomKey();

    @Test
    void aSealedUrlOpensAndShowsNothingOfTheUrl() {
        SecretSeal seal = new SecretSeal("2025", Map.of("2025", KEY_2025));
        String sealed = seal.seal(SLACK_URL, AT);

        assertTrue(sealed.startsWith("sealed:v1:2025:"), sealed);
        assertFalse(sealed.contains("hooks.slack.com"));
        assertFalse(sealed.contains("XXXXXXXX"));
        assertEquals(SLACK_URL, seal.open(sealed, AT));
        assertNotEquals(sealed, seal.seal(SLACK_URL, AT), "a fresh nonce every time");
    }

    @Test
    void aSealedTextOpensOnlyWhereItWasStored() {
        SecretSeal seal = new SecretSeal("2025", Map.of("2025", KEY_2025));
        String sealed = seal.seal(SLACK_URL, AT);

        IllegalArgumentException moved =
                assertThrows(IllegalArgumentException.class, () -> seal.open(sealed, "channel/other/url"));
        assertFalse(moved.getMessage().contains(sealed));
    }

    @Test
    void anAlteredTextDoesNotOpen() {
        SecretSeal seal = new SecretSeal("2025", Map.of("2025", KEY_2025));
        String sealed = seal.seal(SLACK_URL, AT);
        char last = sealed.charAt(sealed.length() - 1);
        String altered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThrows(IllegalArgumentException.class, () -> seal.open(altered, AT));
    }

    @Test
    void afterRotationTheOldKeyStillOpensAndNewSecretsTakeTheNewKey() {
        String sealedIn2025 = new SecretSeal("2025", Map.of("2025", KEY_2025)).seal(SLACK_URL, AT);
        SecretSeal rotated = new SecretSeal("2026", Map.of("2025", KEY_2025, "2026", KEY_2026));

        assertEquals(SLACK_URL, rotated.open(sealedIn2025, AT));
        assertTrue(rotated.needsResealing(sealedIn2025));
        String resealed = rotated.seal(rotated.open(sealedIn2025, AT), AT);
        assertTrue(resealed.startsWith("sealed:v1:2026:"));
        assertFalse(rotated.needsResealing(resealed));

        SecretSeal oldKeyRetired = new SecretSeal("2026", Map.of("2026", KEY_2026));
        assertEquals(SLACK_URL, oldKeyRetired.open(resealed, AT));
        IllegalArgumentException retired =
                assertThrows(IllegalArgumentException.class, () -> oldKeyRetired.open(sealedIn2025, AT));
        assertTrue(retired.getMessage().contains("'2025', which is not configured"), retired.getMessage());
    }

    @Test
    void aRowFromBeforeSealingIsRecognisedAndNeedsSealing() {
        SecretSeal seal = new SecretSeal("2025", Map.of("2025", KEY_2025));

        assertFalse(SecretSeal.isSealed(SLACK_URL));
        assertTrue(seal.needsResealing(SLACK_URL));
        assertThrows(IllegalArgumentException.class, () -> seal.open(SLACK_URL, AT));
    }

    @Test
    void aKeyRingThatCannotWorkIsRefusedWithoutShowingTheKey() {
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> new SecretSeal("2026", Map.of("2025", KEY_2025)));
        assertTrue(missing.getMessage().contains("'2026' is not among the keys [2025]"), missing.getMessage());

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException tooShort =
                assertThrows(IllegalArgumentException.class, () -> new SecretSeal("2025", Map.of("2025", shortKey)));
        assertFalse(tooShort.getMessage().contains(shortKey));
        assertThrows(IllegalArgumentException.class, () -> new SecretSeal("a:b", Map.of("a:b", KEY_2025)));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
