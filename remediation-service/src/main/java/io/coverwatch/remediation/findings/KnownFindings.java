package io.coverwatch.remediation.findings;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The findings evaluation-service reported, so that a person can ask again for the remediation of an open one. */
@ApplicationScoped
public class KnownFindings {

    @Transactional(Transactional.TxType.MANDATORY)
    public void reported(Finding finding, boolean open, Instant at) {
        KnownFinding row =
                KnownFinding.<KnownFinding>findByIdOptional(finding.findingId()).orElseGet(KnownFinding::new);
        row.findingId = finding.findingId();
        row.finding = ContractsJson.toJson(finding);
        row.open = open;
        row.updatedAt = at;
        if (!row.isPersistent()) {
            row.persist();
        }
    }

    /** The finding while it is open; empty once it resolved or when it was never reported. */
    public Optional<Finding> open(String findingId) {
        return KnownFinding.<KnownFinding>findByIdOptional(findingId)
                .filter(row -> row.open)
                .map(row -> ContractsJson.fromJson(row.finding, Finding.class));
    }

    /** The open findings of one resource, whatever their rule: a machine's plan answers all of them. */
    @SuppressWarnings("unchecked")
    public List<Finding> openOn(String resourceId) {
        return ((List<String>) KnownFinding.getEntityManager()
                        .createNativeQuery("select cast(finding as text) from known_finding"
                                + " where open and lower(finding->>'resourceId') = lower(:resourceId)")
                        .setParameter("resourceId", resourceId)
                        .getResultList())
                .stream()
                        .map(json -> ContractsJson.fromJson(json, Finding.class))
                        .toList();
    }
}
