package io.coverwatch.notification.delivery;

import io.coverwatch.notification.channel.ChannelKind;
import io.coverwatch.notification.message.slack.SlackMessages;
import io.coverwatch.notification.message.teams.TeamsMessages;
import io.coverwatch.notification.message.webhook.SignedWebhook;
import java.util.List;

/** Which {@link MessageFormat} each kind of channel uses. */
final class MessageFormats {

    private MessageFormats() {}

    /** @param maxMessages the most messages one group may take on Slack or Teams; the rest is summarised */
    static MessageFormat of(ChannelKind kind, int maxMessages) {
        return switch (kind) {
            case SLACK -> group -> SlackMessages.render(group, maxMessages);
            case TEAMS -> group -> TeamsMessages.render(group, maxMessages);
            // a receiver of our own takes the whole group in one body
            case WEBHOOK -> group -> List.of(SignedWebhook.body(group));
        };
    }
}
