package io.coverwatch.evaluation.signal;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.DefenderAssessment;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;

/** Defender for Cloud's current recommendations per resource: the newest state of each assessment wins. */
@ApplicationScoped
public class DefenderAssessmentStore {

    /** Records an assessment; true when it is newer than the one held (an older, re-delivered one changes nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(DefenderAssessment assessment) {
        return Panache.getEntityManager()
                        .createNativeQuery("insert into defender_assessment as a"
                                + " (resource_key, assessment_key, state, observed_at)"
                                + " values (:resource, :assessment, cast(:state as jsonb), :at)"
                                + " on conflict (resource_key, assessment_key) do update"
                                + " set state = excluded.state, observed_at = excluded.observed_at"
                                + " where a.observed_at <= excluded.observed_at")
                        .setParameter("resource", AzureResource.normalizeId(assessment.resourceId()))
                        .setParameter("assessment", assessment.assessmentKey().toLowerCase(Locale.ROOT))
                        .setParameter("state", ContractsJson.toJson(assessment))
                        .setParameter("at", Timestamp.from(assessment.observedAt()))
                        .executeUpdate()
                == 1;
    }

    public List<DefenderAssessment> of(String resourceKey) {
        return Panache.getEntityManager()
                .createNativeQuery(
                        "select cast(state as varchar) from defender_assessment where resource_key = :key"
                                + " order by assessment_key",
                        String.class)
                .setParameter("key", resourceKey)
                .getResultList()
                .stream()
                .map(json -> ContractsJson.fromJson((String) json, DefenderAssessment.class))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String resourceKey) {
        Panache.getEntityManager()
                .createNativeQuery("delete from defender_assessment where resource_key = :key")
                .setParameter("key", resourceKey)
                .executeUpdate();
    }
}
