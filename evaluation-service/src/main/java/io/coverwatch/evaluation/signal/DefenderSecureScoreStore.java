package io.coverwatch.evaluation.signal;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.DefenderSecureScore;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Defender for Cloud's own secure score per subscription: the newest reading wins. */
@ApplicationScoped
public class DefenderSecureScoreStore {

    /** Records a score; an older, re-delivered reading changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(DefenderSecureScore score) {
        Panache.getEntityManager()
                .createNativeQuery("insert into defender_secure_score as s (subscription_id, state, observed_at)"
                        + " values (:subscription, cast(:state as jsonb), :at)"
                        + " on conflict (subscription_id) do update"
                        + " set state = excluded.state, observed_at = excluded.observed_at"
                        + " where s.observed_at <= excluded.observed_at")
                .setParameter("subscription", subscriptionOf(score))
                .setParameter("state", ContractsJson.toJson(score))
                .setParameter("at", Timestamp.from(score.observedAt()))
                .executeUpdate();
    }

    /** Every subscription's latest score, by lower-cased subscription ID. */
    @SuppressWarnings("unchecked") // a native query of one varchar column
    public Map<String, DefenderSecureScore> bySubscription() {
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery("select subscription_id, cast(state as varchar) from defender_secure_score"
                        + " order by subscription_id")
                .getResultList();
        Map<String, DefenderSecureScore> scores = new LinkedHashMap<>();
        for (Object[] row : rows) {
            scores.put((String) row[0], ContractsJson.fromJson((String) row[1], DefenderSecureScore.class));
        }
        return scores;
    }

    /** The subscription ID of {@code /subscriptions/<id>}, lower-cased as the score report keys it. */
    static String subscriptionOf(DefenderSecureScore score) {
        String[] segments = score.resourceId().replaceAll("^/+", "").split("/");
        if (segments.length < 2 || !segments[0].equalsIgnoreCase("subscriptions")) {
            throw new IllegalArgumentException("not a subscription's score: " + score.resourceId());
        }
        return segments[1].toLowerCase(Locale.ROOT);
    }
}
