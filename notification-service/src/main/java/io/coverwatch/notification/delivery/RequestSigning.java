package io.coverwatch.notification.delivery;

import io.coverwatch.notification.channel.ChannelKind;
import io.coverwatch.notification.message.webhook.SignedWebhook;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a stored body into the request sent, at send time, so a re-drive hours later carries a fresh timestamp that a
 * receiver's replay window accepts ({@link SignedWebhook}). Every generic webhook request also names its delivery, so
 * a receiver can drop the rare second copy (see {@link DeliveryWorker} on the at-least-once window).
 */
final class RequestSigning {

    static final String DELIVERY_HEADER = "X-Coverwatch-Delivery";

    private RequestSigning() {}

    static OutgoingMessage outgoing(ChannelKind kind, String body, String signingSecret, long deliveryId, Instant at) {
        if (!kind.signed()) {
            return new OutgoingMessage(body, Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>(new SignedWebhook(signingSecret).headers(body, at));
        headers.put(DELIVERY_HEADER, Long.toString(deliveryId));
        return new OutgoingMessage(body, headers);
    }
}
