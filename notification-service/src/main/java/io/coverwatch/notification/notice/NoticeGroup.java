package io.coverwatch.notification.notice;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one message to one channel carries: the notices of one group (Alertmanager's group), as routing decided them.
 *
 * @param groupKey    stable: the route and the values of its {@code group_by} labels
 * @param groupLabels the {@code group_by} labels and their values, for the message's header
 * @param firing      the group's notices that stand
 * @param resolved    the group's notices that resolved since the last message (empty when the route sends none)
 */
public record NoticeGroup(
        String groupKey, Map<String, String> groupLabels, List<Notice> firing, List<Notice> resolved) {

    public NoticeGroup {
        Objects.requireNonNull(groupKey, "groupKey");
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        firing = firing == null ? List.of() : List.copyOf(firing);
        resolved = resolved == null ? List.of() : List.copyOf(resolved);
    }
}
