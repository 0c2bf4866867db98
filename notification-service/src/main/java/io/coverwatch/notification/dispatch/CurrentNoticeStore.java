package io.coverwatch.notification.dispatch;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.notification.notice.Notice;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest notice of every finding, firing or resolved: what inhibition looks at (a firing cause mutes its symptoms
 * in every group), without reading every group. Remediation steps are not states and inhibit nothing here.
 */
@ApplicationScoped
public class CurrentNoticeStore {

    /**
     * Records the latest of these notices per finding, in their order, in one statement: a poll's burst of findings is
     * one round trip, not one per finding. Steps that happen once are not states and are left out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Notice> notices, Instant now) {
        // One row per key, the poll's last notice of it: one statement may not change a row twice.
        Map<String, Notice> latest = new TreeMap<>();
        notices.stream()
                .filter(notice -> !notice.kind().happensOnce())
                .forEach(notice -> latest.put(notice.key(), notice));
        if (latest.isEmpty()) {
            return;
        }
        Panache.getEntityManager()
                .createNativeQuery("insert into current_notice (notice_key, firing, notice, updated_at)"
                        + " select key, firing, notice, :now"
                        + " from unnest(cast(:keys as varchar[]), cast(:firing as boolean[]), cast(:notices as text[]))"
                        + " as t(key, firing, notice)"
                        + " on conflict (notice_key) do update set"
                        + " firing = excluded.firing, notice = excluded.notice, updated_at = excluded.updated_at")
                .setParameter("keys", latest.keySet().toArray(String[]::new))
                .setParameter(
                        "firing", latest.values().stream().map(Notice::firing).toArray(Boolean[]::new))
                .setParameter(
                        "notices",
                        latest.values().stream().map(ContractsJson::toJson).toArray(String[]::new))
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
