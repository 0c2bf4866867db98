package io.coverwatch.notification.delivery;

import io.coverwatch.notification.notice.NoticeGroup;
import java.util.List;

/**
 * How one kind of channel renders a group: one body per message, more than one when the group is too large for one
 * message. Pure: the same group always renders to the same bodies, which the delivery log stores.
 */
@FunctionalInterface
public interface MessageFormat {

    List<String> render(NoticeGroup group);
}
