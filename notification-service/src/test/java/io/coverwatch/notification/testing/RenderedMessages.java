package io.coverwatch.notification.testing;

import io.coverwatch.notification.message.slack.SlackMessages;
import io.coverwatch.notification.message.teams.TeamsMessages;
import io.coverwatch.notification.notice.NoticeGroup;
import java.util.List;

/** A group's messages as the service renders them with its default limit on messages per group. */
public final class RenderedMessages {

    /** {@code coverwatch.notification.delivery.max-messages-per-group}'s default. */
    public static final int MAX_MESSAGES = 10;

    private RenderedMessages() {}

    public static List<String> slack(NoticeGroup group) {
        return SlackMessages.render(group, MAX_MESSAGES);
    }

    public static List<String> teams(NoticeGroup group) {
        return TeamsMessages.render(group, MAX_MESSAGES);
    }
}
