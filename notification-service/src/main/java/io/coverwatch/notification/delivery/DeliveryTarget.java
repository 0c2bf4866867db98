package io.coverwatch.notification.delivery;

import io.coverwatch.notification.channel.ChannelKind;
import io.coverwatch.notification.channel.WebhookUrl;
import java.util.UUID;

/**
 * A channel as the sender needs it, read once per sending round.
 *
 * @param signingSecret a generic webhook's HMAC key; null for Slack and Teams
 */
record DeliveryTarget(
        UUID channelId, String name, ChannelKind kind, WebhookUrl url, String signingSecret, double ratePerSecond) {

    @Override
    public String toString() {
        return "channel " + name;
    }
}
