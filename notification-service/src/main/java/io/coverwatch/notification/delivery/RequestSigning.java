package io.coverwatch.notification.delivery;

import io.coverwatch.notification.webhook.ChannelKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SEAM (signing): turns a stored body into the request sent, at send time, so a re-drive hours later carries a fresh
 * timestamp that a receiver's replay window accepts. Every generic webhook request also names its delivery, so a
 * receiver can drop the rare second copy (see {@link DeliveryWorker} on the at-least-once window).
 *
 * <p>INTERIM signature: {@code X-Coverwatch-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))} with
 * {@code X-Coverwatch-Timestamp} in epoch seconds. Replace {@link #sign} with {@code channel.SignedWebhook} when
 * {@code io.coverwatch.notification.channel} lands; the delivery header stays.
 */
final class RequestSigning {

    static final String DELIVERY_HEADER = "X-Coverwatch-Delivery";

    private RequestSigning() {}

    static OutgoingMessage outgoing(ChannelKind kind, String body, String signingSecret, long deliveryId, Instant at) {
        if (!kind.signed()) {
            return new OutgoingMessage(body, Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>(sign(body, signingSecret, at));
        headers.put(DELIVERY_HEADER, Long.toString(deliveryId));
        return new OutgoingMessage(body, headers);
    }

    private static Map<String, String> sign(String body, String secret, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Map.of(
                    "X-Coverwatch-Timestamp",
                    timestamp,
                    "X-Coverwatch-Signature",
                    "sha256=" + HexFormat.of().formatHex(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }
}
