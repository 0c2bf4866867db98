package io.coverwatch.notification.dispatch;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.notification.notice.Notice;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The latest notice of every finding, firing or resolved: what inhibition looks at (a firing cause mutes its symptoms
 * in every group), without reading every group. Remediation steps are not states and inhibit nothing here.
 */
@ApplicationScoped
public class CurrentNoticeStore {

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Notice notice, Instant now) {
        if (notice.kind().happensOnce()) {
            return;
        }
        Panache.getEntityManager()
                .createNativeQuery("insert into current_notice (notice_key, firing, notice, updated_at)"
                        + " values (:key, :firing, :notice, :now) on conflict (notice_key) do update set"
                        + " firing = excluded.firing, notice = excluded.notice, updated_at = excluded.updated_at")
                .setParameter("key", notice.key())
                .setParameter("firing", notice.firing())
                .setParameter("notice", ContractsJson.toJson(notice))
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Every firing finding's notice. */
    public List<Notice> firing() {
        @SuppressWarnings("unchecked")
        List<String> rows = Panache.getEntityManager()
                .createNativeQuery("select notice from current_notice where firing")
                .getResultList();
        return rows.stream()
                .map(json -> ContractsJson.fromJson(json, Notice.class))
                .toList();
    }
}
