package io.coverwatch.remediation.planning;

import io.coverwatch.contracts.Finding;
import io.coverwatch.remediation.RemediationConfig;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Plans a remediation when a finding opens and stands it down when the finding resolves first. */
@ApplicationScoped
public class RemediationPlans {

    private static final List<RemediationStatus> ACTIVE =
            List.of(RemediationStatus.PLANNED, RemediationStatus.AWAITING_APPROVAL);

    private final RemediationConfig config;

    RemediationPlans(RemediationConfig config) {
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void findingOpened(Finding finding, Instant now) {
        if (active(finding.findingId()).isPresent()) {
            return;
        }
        RemediationPlanner.plan(finding).ifPresent(planned -> {
            RemediationRecord record = new RemediationRecord();
            record.remediationId = UUID.randomUUID().toString();
            record.findingId = finding.findingId();
            record.ruleId = finding.ruleId();
            record.action = planned.action().id();
            record.resourceId = finding.resourceId();
            record.subscriptionId = finding.subscriptionId();
            record.status = planned.action().approvalByDefault()
                    ? RemediationStatus.AWAITING_APPROVAL
                    : RemediationStatus.PLANNED;
            record.dryRun = config.dryRun();
            record.request = planned.request();
            record.createdAt = now;
            record.updatedAt = now;
            record.persist();
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void findingResolved(Finding finding, Instant now) {
        active(finding.findingId()).ifPresent(record -> {
            record.status = RemediationStatus.NO_LONGER_NEEDED;
            record.updatedAt = now;
        });
    }

    public Optional<RemediationRecord> find(String remediationId) {
        return RemediationRecord.findByIdOptional(remediationId);
    }

    /** Remediations filtered by status and subscription (either may be null), newest first. */
    public List<RemediationRecord> list(RemediationStatus status, String subscriptionId, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (subscriptionId != null) {
            query.append(" and lower(subscriptionId) = lower(:subscription)");
            parameters.and("subscription", subscriptionId);
        }
        return RemediationRecord.find(query.toString(), Sort.descending("createdAt"), parameters)
                .page(page, size)
                .list();
    }

    private Optional<RemediationRecord> active(String findingId) {
        return RemediationRecord.find("findingId = ?1 and status in ?2", findingId, ACTIVE)
                .firstResultOptional();
    }
}
