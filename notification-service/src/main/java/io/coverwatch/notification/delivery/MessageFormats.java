package io.coverwatch.notification.delivery;

import io.coverwatch.notification.webhook.ChannelKind;

/**
 * SEAM (rendering): which {@link MessageFormat} each kind of channel uses.
 *
 * <p>INTERIM: every kind renders {@link InterimJsonFormat} until {@code io.coverwatch.notification.channel} lands; then
 * this switch becomes {@code SLACK -> SlackMessages::render}, {@code TEAMS -> TeamsMessages::render} and
 * {@code WEBHOOK ->} the generic webhook's JSON body, and {@link InterimJsonFormat} is deleted.
 */
final class MessageFormats {

    private MessageFormats() {}

    static MessageFormat of(ChannelKind kind) {
        return switch (kind) {
            case SLACK, TEAMS, WEBHOOK -> InterimJsonFormat::render;
        };
    }
}
