package io.coverwatch.notification.intake;

import io.coverwatch.notification.delivery.NotificationDispatch;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.webhook.ChannelRecord;
import io.coverwatch.notification.webhook.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * SEAM (intake → routing): the front of the pipeline. Findings, remediation steps and the self-test's canary all enter
 * here, in the transaction that records their event.
 *
 * <p>INTERIM until {@code io.coverwatch.notification.routing} lands: each notice is a group of its own, delivered at
 * once to every channel, keyed by {@code noticeId}. Then this hands the notice to the routing state machine instead,
 * and routing's flushes call {@link NotificationDispatch#deliver} with their own delivery key.
 */
@ApplicationScoped
public class NoticeIntake {

    private final Channels channels;
    private final NotificationDispatch dispatch;

    NoticeIntake(Channels channels, NotificationDispatch dispatch) {
        this.channels = channels;
        this.dispatch = dispatch;
    }

    /**
     * @param noticeId stable for the same fact (the CloudEvent's ID, the test alert's ID), so a second intake of it
     *     sends nothing more
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accept(String noticeId, Notice notice) {
        NoticeGroup group = new NoticeGroup(
                notice.key(),
                Map.of(),
                notice.firing() ? List.of(notice) : List.of(),
                notice.firing() ? List.of() : List.of(notice));
        for (ChannelRecord channel : channels.active()) {
            dispatch.deliver(noticeId, group, channel);
        }
    }
}
