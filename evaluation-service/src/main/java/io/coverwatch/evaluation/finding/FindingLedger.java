package io.coverwatch.evaluation.finding;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingChanged;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.rules.Rule;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.evaluation.rules.RuleOutcome;
import io.coverwatch.evaluation.rules.Verdict;
import io.coverwatch.outbox.Outbox;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps each finding's life and publishes only its transitions: opening, changing (diagnosis step, severity,
 * exclusion) and resolving are events; re-evaluating an unchanged resource is not. Callers hold the resource's
 * evaluation lock, so two instances never settle the same resource at once.
 */
@ApplicationScoped
public class FindingLedger {

    /** The rules whose open finding says by itself that a machine is not monitored. */
    private static final List<String> NOT_MONITORED_RULES = Stream.of(
                    RuleCatalog.LOG_ANALYTICS_AGENT, RuleCatalog.NOT_MONITORED, RuleCatalog.AMA_DOWN)
            .map(Rule::id)
            .toList();

    /**
     * Whether an open finding says its machine is not monitored: a monitoring-agent rule's, or one whose
     * troubleshooting walk failed a step.
     */
    public static boolean saysNotMonitored(String ruleId, TroubleshootingStep failedStep) {
        return failedStep != null || NOT_MONITORED_RULES.contains(ruleId);
    }

    private final Outbox outbox;
    private final EvaluationConfig config;

    FindingLedger(Outbox outbox, EvaluationConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Settles every verdict of one evaluation of a resource. A finding of the resource that no rule spoke about
     * (its rule no longer applies, or Defender dropped the recommendation) resolves.
     *
     * @param exemption the user exemption that covers an outcome, if any
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(
            AzureResource resource,
            List<RuleOutcome> outcomes,
            Function<RuleOutcome, Optional<String>> exemption,
            Instant now) {
        Map<String, FindingRecord> existing = findingsOf(resource.id()).stream()
                .collect(Collectors.toMap(record -> record.findingId, Function.identity()));
        Set<String> spokenFor = new HashSet<>();
        for (RuleOutcome outcome : outcomes) {
            String findingId = Finding.idFor(outcome.rule().id(), outcome.resourceId());
            spokenFor.add(findingId);
            FindingRecord record = existing.get(findingId);
            if (outcome.verdict() instanceof Verdict.Fail fail) {
                String exclusion = Optional.ofNullable(outcome.exclusionReason())
                        .or(() -> exemption.apply(outcome))
                        .orElse(null);
                open(
                        record == null ? newRecord(findingId, outcome, resource) : record,
                        resource,
                        outcome,
                        fail,
                        exclusion,
                        now);
            } else if (outcome.verdict() instanceof Verdict.Pass && record != null) {
                resolve(record, now);
            }
        }
        existing.values().stream()
                .filter(record -> !spokenFor.contains(record.findingId))
                .forEach(record -> resolve(record, now));
    }

    /** A deleted resource resolves every finding raised on it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolveAll(String resourceId, Instant now) {
        findingsOf(resourceId).forEach(record -> resolve(record, now));
    }

    public Optional<Finding> find(String findingId) {
        return FindingRecord.<FindingRecord>findByIdOptional(findingId).map(FindingRecord::toFinding);
    }

    /** The findings raised on one resource, any status. */
    public List<Finding> of(String resourceId) {
        return findingsOf(resourceId).stream().map(FindingRecord::toFinding).toList();
    }

    /** Findings filtered by status, severity, subscription and rule (each may be null), most recently seen first. */
    public List<Finding> list(
            FindingStatus status, Severity severity, String subscriptionId, String ruleId, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (severity != null) {
            query.append(" and severity = :severity");
            parameters.and("severity", severity);
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

    /**
     * Open findings counted per severity, and the machines that are not monitored: those with an open finding of a
     * rule that says so (no monitoring agent, not monitored, a silent AMA) or whose troubleshooting walk failed a step.
     * The database keeps the counts per resource as findings change (finding_tally, V20), so the answer costs one
     * narrow row per resource with open findings, not a count of every open finding.
     *
     * @param subscriptionId only this subscription's findings; null for the whole estate
     * @param machines       how many of the not-monitored machines to name, in resource ID order
     */
    public FindingsSummary summary(String subscriptionId, int machines) {
        String subscription = subscriptionId == null ? "" : " and subscription_id = :subscription";
        Function<String, Query> query = sql -> {
            Query bound = FindingRecord.getEntityManager().createNativeQuery(sql);
            return subscriptionId == null
                    ? bound
                    : bound.setParameter("subscription", subscriptionId.toLowerCase(Locale.ROOT));
        };
        Object[] tally = (Object[]) query.apply("select coalesce(sum(high), 0), coalesce(sum(medium), 0),"
                        + " coalesce(sum(low), 0), count(*) filter (where not_monitored > 0)"
                        + " from finding_tally where true"
                        + subscription)
                .getSingleResult();
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, ((Number) tally[column(severity)]).longValue());
        }
        long count = ((Number) tally[3]).longValue();
        // One finding per machine (its first rule by ID), the first machines by resource ID, in the order of
        // finding_not_monitored_idx (V16), whose predicate this is. The status is written into the statement, not
        // bound: a prepared statement's generic plan cannot tell that a bound status matches the index's.
        List<?> rows = query.apply("select distinct on (lower(resource_id)) resource_id, finding_id, diagnosis"
                        + " from finding where status = '"
                        + FindingStatus.OPEN.name()
                        + "' and not_monitored"
                        + subscription
                        + " order by lower(resource_id), rule_id limit :machines")
                .setParameter("machines", machines)
                .getResultList();
        List<FindingsSummary.NotMonitored> named = rows.stream()
                .map(Object[].class::cast)
                .map(row -> new FindingsSummary.NotMonitored((String) row[0], (String) row[1], (String) row[2]))
                .toList();
        return new FindingsSummary(bySeverity, count, named);
    }

    /** A severity's column in the summary's tally statement. */
    private static int column(Severity severity) {
        return switch (severity) {
            case HIGH -> 0;
            case MEDIUM -> 1;
            case LOW -> 2;
        };
    }

    private static List<FindingRecord> findingsOf(String resourceId) {
        return FindingRecord.list("lower(resourceId) = ?1", AzureResource.normalizeId(resourceId));
    }

    private void open(
            FindingRecord record,
            AzureResource resource,
            RuleOutcome outcome,
            Verdict.Fail fail,
            String exclusion,
            Instant now) {
        FindingStatus status = exclusion == null ? FindingStatus.OPEN : FindingStatus.EXCLUDED;
        Rule rule = outcome.rule();
        boolean opening = record.status == null || record.status == FindingStatus.RESOLVED;
        boolean changing = !opening
                && (record.status != status
                        || !Objects.equals(record.diagnosis, fail.diagnosis())
                        || record.diagnosisStep != fail.step()
                        || record.severity != rule.severity()
                        || !Objects.equals(record.title, rule.title())
                        || !Objects.equals(record.exclusionReason, exclusion));
        if (opening) {
            record.firstSeen = now;
        }
        record.status = status;
        record.title = rule.title();
        record.severity = rule.severity();
        record.remediation = rule.remediation();
        record.diagnosis = fail.diagnosis();
        record.diagnosisStep = fail.step();
        record.notMonitored = saysNotMonitored(rule.id(), fail.step());
        record.exclusionReason = exclusion;
        record.resourceTags = ContractsJson.toJson(resource.tags());
        record.lastSeen = now;
        record.persist();
        if (opening) {
            publish(new FindingOpened(record.toFinding()), now);
        } else if (changing) {
            publish(new FindingChanged(record.toFinding()), now);
        }
    }

    private void resolve(FindingRecord record, Instant now) {
        if (record.status == FindingStatus.RESOLVED) {
            return;
        }
        record.status = FindingStatus.RESOLVED;
        record.lastSeen = now;
        publish(new FindingResolved(record.toFinding()), now);
    }

    private void publish(FindingEvent event, Instant now) {
        outbox.enqueue(new CloudEvent<>(UUID.randomUUID().toString(), config.eventSource(), now, event));
    }

    private static FindingRecord newRecord(String findingId, RuleOutcome outcome, AzureResource resource) {
        FindingRecord record = new FindingRecord();
        record.findingId = findingId;
        record.ruleId = outcome.rule().id();
        record.resourceId = outcome.resourceId();
        record.resourceType = resource.type();
        record.subscriptionId = resource.subscriptionId() == null
                ? null
                : resource.subscriptionId().toLowerCase(Locale.ROOT);
        return record;
    }
}
