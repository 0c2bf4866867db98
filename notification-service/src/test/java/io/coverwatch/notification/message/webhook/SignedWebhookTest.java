package io.coverwatch.notification.message.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.notification.message.SeedNotices;
import io.coverwatch.notification.notice.NoticeGroup;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedWebhookTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final Instant SENT = SeedNotices.OPENED; // 1795420800
    private static final String BODY = "{\"version\":\"1\",\"groupKey\":\"soc\"}";

    private final SignedWebhook webhook = new SignedWebhook(SECRET);

    @Test
    void theSignatureIsHmacSha256OverTimestampDotBody() {
        // printf '%s' '1795420800.{"version":"1","groupKey":"soc"}' | openssl dgst -sha256 -hmac "It's a Secret to
        // Everybody"
        assertEquals(
                "sha256=800cbbc393d1a20046797eda8ceaf3498327a8b0894e358531b0d7ba5f247506",
                webhook.signature(BODY, 1_795_420_800L));
    }

    @Test
    void theHeadersCarryTheTimestampAndItsSignature() {
        Map<String, String> headers = webhook.headers(BODY, SENT);

        assertEquals(
                List.of(SignedWebhook.TIMESTAMP_HEADER, SignedWebhook.SIGNATURE_HEADER), List.copyOf(headers.keySet()));
        assertEquals("1795420800", headers.get("X-Coverwatch-Timestamp"));
        assertEquals(webhook.signature(BODY, 1_795_420_800L), headers.get("X-Coverwatch-Signature"));
    }

    @Test
    void aReceiverWithTheSecretVerifiesWhatWasSent() {
        Map<String, String> headers = webhook.headers(BODY, SENT);

        assertTrue(new SignedWebhook(SECRET)
                .verify(
                        BODY,
                        headers.get(SignedWebhook.TIMESTAMP_HEADER),
                        headers.get(SignedWebhook.SIGNATURE_HEADER),
                        SENT.plusSeconds(30)));
    }

    @Test
    void aTamperedBodyTimestampOrSignatureIsRefused() {
        String timestamp = "1795420800";
        String signature = webhook.signature(BODY, 1_795_420_800L);

        assertFalse(webhook.verify(BODY.replace("soc", "s0c"), timestamp, signature, SENT), "body");
        assertFalse(webhook.verify(BODY, "1795420801", signature, SENT), "timestamp");
        assertFalse(webhook.verify(BODY, "01795420800", signature, SENT), "timestamp spelt otherwise");
        assertFalse(webhook.verify(BODY, timestamp, signature.replace("800c", "800d"), SENT), "signature");
        assertFalse(new SignedWebhook("another secret").verify(BODY, timestamp, signature, SENT), "secret");
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedAsAReplay() {
        String timestamp = "1795420800";
        String signature = webhook.signature(BODY, 1_795_420_800L);

        assertTrue(webhook.verify(BODY, timestamp, signature, SENT.plus(Duration.ofMinutes(5))));
        assertFalse(webhook.verify(
                BODY, timestamp, signature, SENT.plus(Duration.ofMinutes(5)).plusSeconds(1)));
        assertFalse(webhook.verify(BODY, timestamp, signature, SENT.minus(Duration.ofMinutes(6))));
        assertTrue(webhook.verify(BODY, timestamp, signature, SENT.plus(Duration.ofHours(1)), Duration.ofHours(2)));
    }

    @Test
    void malformedHeadersAreRefusedNotThrown() {
        String signature = webhook.signature(BODY, 1_795_420_800L);

        assertFalse(webhook.verify(BODY, null, signature, SENT));
        assertFalse(webhook.verify(BODY, "1795420800", null, SENT));
        assertFalse(webhook.verify(BODY, "yesterday", signature, SENT));
        assertFalse(webhook.verify(BODY, "-9223372036854775808", signature, SENT));
        assertFalse(webhook.verify(BODY, "1795420800", signature.replace("sha256=", "sha1="), SENT));
        assertFalse(webhook.verify(BODY, "1795420800", "sha256=not-hex", SENT));
        assertFalse(webhook.verify(BODY, "1795420800", "sha256=", SENT));
    }

    @Test
    void theSecretIsRequiredAndNeverShown() {
        assertThrows(IllegalArgumentException.class, () -> new SignedWebhook(""));
        assertFalse(webhook.toString().contains("Secret"));
    }

    @Test
    void theBodyFollowsTheDocumentedSchemaVersion1() throws Exception {
        NoticeGroup group =
                SeedNotices.group(List.of(SeedNotices.devTest03AmaDown()), List.of(SeedNotices.prodDb01Resolved()));

        String body = SignedWebhook.body(group);

        ObjectMapper json = new ObjectMapper();
        try (InputStream expected =
                getClass().getResourceAsStream("/channel/webhook/dev-test-03-and-prod-db-01.json")) {
            // Compared as compact text: the fields' order is part of what stays stable.
            assertEquals(json.writeValueAsString(json.readTree(expected)), body);
        }
    }

    @Test
    void untrustedTextTravelsAsItIsForTheReceiverToEscape() throws Exception {
        String name = "<!channel> \"quoted\"\n*bold* [x](y) 🔥";
        NoticeGroup group = SeedNotices.group(
                List.of(SeedNotices.finding("dev-test-03", "CW-AGENT-AMA-DOWN", "t", null)
                        .resourceName(name)
                        .build()),
                List.of());

        String body = SignedWebhook.body(group);

        assertEquals(
                name,
                new ObjectMapper().readTree(body).at("/firing/0/resourceName").asText());
        assertTrue(new ObjectMapper().readTree(body).at("/firing/0/severity").isNull());
    }
}
