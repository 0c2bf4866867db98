package io.coverwatch.evaluation.finding;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.coverage.Rule;
import io.coverwatch.evaluation.coverage.Verdict;
import io.coverwatch.evaluation.outbox.Outbox;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps each finding's life and publishes only its transitions: opening and resolving are events, re-evaluating an
 * unchanged resource is not.
 */
@ApplicationScoped
public class FindingLedger {

    private final Outbox outbox;
    private final EvaluationConfig config;

    FindingLedger(Outbox outbox, EvaluationConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Applies a rule's verdict on a resource.
     *
     * @param diagnosis the failing diagnosis step, kept on an open finding
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Rule rule, AzureResource resource, Verdict verdict, String diagnosis, Instant now) {
        String findingId = Finding.idFor(rule.id(), resource.id());
        Optional<FindingRecord> existing = FindingRecord.findByIdOptional(findingId);
        if (verdict == Verdict.FAIL) {
            open(existing.orElseGet(() -> newRecord(findingId, rule, resource)), diagnosis, now);
        } else if (verdict == Verdict.PASS) {
            existing.filter(record -> record.status == FindingStatus.OPEN).ifPresent(record -> resolve(record, now));
        }
    }

    public Optional<Finding> find(String findingId) {
        return FindingRecord.<FindingRecord>findByIdOptional(findingId).map(FindingRecord::toFinding);
    }

    /** Findings filtered by status, subscription and rule (each may be null), most recently seen first. */
    public List<Finding> list(FindingStatus status, String subscriptionId, String ruleId, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (subscriptionId != null) {
            query.append(" and subscriptionId = :subscription");
            parameters.and("subscription", subscriptionId.toLowerCase(Locale.ROOT));
        }
        if (ruleId != null) {
            query.append(" and ruleId = :rule");
            parameters.and("rule", ruleId);
        }
        return FindingRecord.<FindingRecord>find(
                        query.toString(), Sort.descending("lastSeen").and("findingId"), parameters)
                .page(page, size)
                .list()
                .stream()
                .map(FindingRecord::toFinding)
                .toList();
    }

    private void open(FindingRecord record, String diagnosis, Instant now) {
        boolean opening = record.status != FindingStatus.OPEN;
        if (opening) {
            record.status = FindingStatus.OPEN;
            record.firstSeen = now;
        }
        record.diagnosis = diagnosis;
        record.lastSeen = now;
        record.persist();
        if (opening) {
            publish(new FindingOpened(record.toFinding()), now);
        }
    }

    private void resolve(FindingRecord record, Instant now) {
        record.status = FindingStatus.RESOLVED;
        record.lastSeen = now;
        publish(new FindingResolved(record.toFinding()), now);
    }

    private void publish(FindingEvent event, Instant now) {
        outbox.enqueue(new CloudEvent<>(UUID.randomUUID().toString(), config.eventSource(), now, event));
    }

    private static FindingRecord newRecord(String findingId, Rule rule, AzureResource resource) {
        FindingRecord record = new FindingRecord();
        record.findingId = findingId;
        record.ruleId = rule.id();
        record.title = rule.title();
        record.severity = rule.severity();
        record.remediation = rule.remediation();
        record.resourceId = resource.id();
        record.resourceType = resource.type();
        record.subscriptionId = resource.subscriptionId().toLowerCase(Locale.ROOT);
        return record;
    }
}
