package io.coverwatch.evaluation.signal;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.evaluation.estate.EstateRevision;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Defender for Cloud's current recommendations per resource: the newest state of each assessment wins. */
@ApplicationScoped
public class DefenderAssessmentStore {

    private final EstateRevision revision;

    DefenderAssessmentStore(EstateRevision revision) {
        this.revision = revision;
    }

    /** Records an assessment; true when it is newer than the one held (an older, re-delivered one changes nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(DefenderAssessment assessment) {
        boolean newer = Panache.getEntityManager()
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
        if (newer) {
            revision.changed();
        }
        return newer;
    }

    /**
     * The current recommendations on these resources, by key, each resource's in assessment order; a resource without
     * any has none.
     */
    public Map<String, List<DefenderAssessment>> of(Collection<String> resourceKeys) {
        Map<String, List<DefenderAssessment>> found = new HashMap<>();
        if (resourceKeys.isEmpty()) {
            return found;
        }
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("select resource_key, cast(state as varchar) from defender_assessment"
                        + " where resource_key in (:keys) order by resource_key, assessment_key")
                .setParameter("keys", resourceKeys)
                .getResultList();
        rows.stream().map(Object[].class::cast).forEach(row -> found.computeIfAbsent(
                        (String) row[0], key -> new ArrayList<>())
                .add(ContractsJson.fromJson((String) row[1], DefenderAssessment.class)));
        return found;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Collection<String> resourceKeys) {
        if (!resourceKeys.isEmpty()
                && Panache.getEntityManager()
                                .createNativeQuery("delete from defender_assessment where resource_key in (:keys)")
                                .setParameter("keys", resourceKeys)
                                .executeUpdate()
                        > 0) {
            revision.changed();
        }
    }
}
