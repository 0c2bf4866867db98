package io.coverwatch.notification.delivery;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.notification.notice.NoticeGroup;
import java.util.List;

/**
 * INTERIM, to be deleted when {@code io.coverwatch.notification.channel} lands (see {@link MessageFormats}): the group
 * as plain JSON, one message per group, so the delivery runtime can be exercised end to end before Block Kit and
 * Adaptive Cards exist. Slack and Teams would not accept it.
 */
final class InterimJsonFormat {

    private InterimJsonFormat() {}

    static List<String> render(NoticeGroup group) {
        return List.of(ContractsJson.toJson(group));
    }
}
