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
import io.coverwatch.evaluation.estate.EstateRevision;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import javax.sql.DataSource;

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

    /** The finding table's columns, as {@link #findingsOf} reads them and {@link #write} writes them. */
    private static final String COLUMNS = "finding_id, rule_id, title, severity, resource_id, resource_type,"
            + " subscription_id, status, diagnosis, diagnosis_step, remediation, exclusion_reason, first_seen,"
            + " last_seen, not_monitored, resource_tags";

    private static final String WRITE = "insert into finding as f (" + COLUMNS + ")"
            + " select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::boolean[], ?::jsonb[])"
            + " on conflict (finding_id) do update set title = excluded.title, severity = excluded.severity,"
            + " status = excluded.status, diagnosis = excluded.diagnosis, diagnosis_step = excluded.diagnosis_step,"
            + " remediation = excluded.remediation, exclusion_reason = excluded.exclusion_reason,"
            + " first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
            + " not_monitored = excluded.not_monitored, resource_tags = excluded.resource_tags";

    private final Outbox outbox;
    private final EvaluationConfig config;
    private final DataSource dataSource;
    private final EstateRevision revision;

    FindingLedger(Outbox outbox, EvaluationConfig config, DataSource dataSource, EstateRevision revision) {
        this.outbox = outbox;
        this.config = config;
        this.dataSource = dataSource;
        this.revision = revision;
    }

    /**
     * One evaluation of a resource: its rules' outcomes, and the user exemption that covers an outcome, if any.
     */
    public record Evaluation(
            AzureResource resource, List<RuleOutcome> outcomes, Function<RuleOutcome, Optional<String>> exemption) {}

    /**
     * Settles every verdict of these evaluations, each resource at most once. A finding of a resource that no rule
     * spoke about (its rule no longer applies, or Defender dropped the recommendation) resolves. The findings are read
     * with one statement and written with one, and their transitions go to the outbox in one batch, in the order of
     * the evaluations, so a poll of a thousand resources costs the database what one costs.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(List<Evaluation> evaluations, Instant now) {
        Map<String, List<FindingRecord>> existingByResource =
                findingsOf(evaluations.stream()
                                .map(evaluation -> evaluation.resource().id())
                                .toList())
                        .stream()
                        .collect(Collectors.groupingBy(record -> AzureResource.normalizeId(record.resourceId)));
        Settling settling = new Settling(now);
        for (Evaluation evaluation : evaluations) {
            AzureResource resource = evaluation.resource();
            Map<String, FindingRecord> existing =
                    existingByResource.getOrDefault(AzureResource.normalizeId(resource.id()), List.of()).stream()
                            .collect(Collectors.toMap(record -> record.findingId, Function.identity()));
            Set<String> spokenFor = new HashSet<>();
            for (RuleOutcome outcome : evaluation.outcomes()) {
                String findingId = Finding.idFor(outcome.rule().id(), outcome.resourceId());
                spokenFor.add(findingId);
                FindingRecord record = existing.get(findingId);
                if (outcome.verdict() instanceof Verdict.Fail fail) {
                    String exclusion = Optional.ofNullable(outcome.exclusionReason())
                            .or(() -> evaluation.exemption().apply(outcome))
                            .orElse(null);
                    settling.open(
                            record == null ? newRecord(findingId, outcome, resource) : record,
                            resource,
                            outcome,
                            fail,
                            exclusion);
                } else if (outcome.verdict() instanceof Verdict.Pass && record != null) {
                    settling.resolve(record);
                }
            }
            existing.values().stream()
                    .filter(record -> !spokenFor.contains(record.findingId))
                    .forEach(settling::resolve);
        }
        settling.commit();
    }

    /** Deleted resources resolve every finding raised on them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolveAll(Collection<String> resourceIds, Instant now) {
        Settling settling = new Settling(now);
        findingsOf(resourceIds).forEach(settling::resolve);
        settling.commit();
    }

    public Optional<Finding> find(String findingId) {
        return FindingRecord.<FindingRecord>findByIdOptional(findingId).map(FindingRecord::toFinding);
    }

    /** The findings raised on one resource, any status. */
    public List<Finding> of(String resourceId) {
        return findingsOf(List.of(resourceId)).stream()
                .map(FindingRecord::toFinding)
                .toList();
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

    /**
     * The findings raised on these resources, any status, read with one statement into records the persistence context
     * does not manage, so no flush or dirty check runs per finding.
     */
    private List<FindingRecord> findingsOf(Collection<String> resourceIds) {
        List<FindingRecord> records = new ArrayList<>();
        if (resourceIds.isEmpty()) {
            return records;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select " + COLUMNS.replace("resource_tags", "cast(resource_tags as text)")
                                + " from finding where lower(resource_id) = any(?)")) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "varchar",
                            resourceIds.stream().map(AzureResource::normalizeId).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    FindingRecord record = new FindingRecord();
                    record.findingId = rows.getString(1);
                    record.ruleId = rows.getString(2);
                    record.title = rows.getString(3);
                    record.severity = Severity.valueOf(rows.getString(4));
                    record.resourceId = rows.getString(5);
                    record.resourceType = rows.getString(6);
                    record.subscriptionId = rows.getString(7);
                    record.status = FindingStatus.valueOf(rows.getString(8));
                    record.diagnosis = rows.getString(9);
                    String step = rows.getString(10);
                    record.diagnosisStep = step == null ? null : TroubleshootingStep.valueOf(step);
                    record.remediation = rows.getString(11);
                    record.exclusionReason = rows.getString(12);
                    record.firstSeen = rows.getObject(13, OffsetDateTime.class).toInstant();
                    record.lastSeen = rows.getObject(14, OffsetDateTime.class).toInstant();
                    record.notMonitored = rows.getBoolean(15);
                    record.resourceTags = rows.getString(16);
                    records.add(record);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the findings of " + resourceIds.size() + " resources", e);
        }
        return records;
    }

    /** The findings one settlement changed and the events that tell it, written together by {@link #commit}. */
    private final class Settling {

        private final Instant now;
        private final Map<String, FindingRecord> changed = new LinkedHashMap<>();
        private final List<CloudEvent<FindingEvent>> events = new ArrayList<>();

        Settling(Instant now) {
            this.now = now;
        }

        void open(
                FindingRecord record,
                AzureResource resource,
                RuleOutcome outcome,
                Verdict.Fail fail,
                String exclusion) {
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
            changed.put(record.findingId, record);
            if (opening) {
                publish(new FindingOpened(record.toFinding()));
            } else if (changing) {
                publish(new FindingChanged(record.toFinding()));
            }
        }

        void resolve(FindingRecord record) {
            if (record.status == FindingStatus.RESOLVED) {
                return;
            }
            record.status = FindingStatus.RESOLVED;
            record.lastSeen = now;
            changed.put(record.findingId, record);
            publish(new FindingResolved(record.toFinding()));
        }

        private void publish(FindingEvent event) {
            events.add(new CloudEvent<>(UUID.randomUUID().toString(), config.eventSource(), now, event));
        }

        /** Writes the changed findings with one statement and their events with one batch. */
        void commit() {
            write(changed.values());
            outbox.enqueueAll(events);
            // Every change of status is told; a finding only seen again changes nothing the score counts.
            if (!events.isEmpty()) {
                revision.changed();
            }
        }
    }

    private void write(Collection<FindingRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<FindingRecord> sorted = records.stream()
                .sorted(Comparator.comparing((FindingRecord record) -> record.findingId))
                .toList();
        String[][] columns = new String[16][sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            FindingRecord record = sorted.get(i);
            columns[0][i] = record.findingId;
            columns[1][i] = record.ruleId;
            columns[2][i] = record.title;
            columns[3][i] = record.severity.name();
            columns[4][i] = record.resourceId;
            columns[5][i] = record.resourceType;
            columns[6][i] = record.subscriptionId;
            columns[7][i] = record.status.name();
            columns[8][i] = record.diagnosis;
            columns[9][i] = record.diagnosisStep == null ? null : record.diagnosisStep.name();
            columns[10][i] = record.remediation;
            columns[11][i] = record.exclusionReason;
            columns[12][i] = record.firstSeen.toString();
            columns[13][i] = record.lastSeen.toString();
            columns[14][i] = Boolean.toString(record.notMonitored);
            columns[15][i] = record.resourceTags;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(WRITE)) {
            for (int column = 0; column < columns.length; column++) {
                statement.setArray(column + 1, connection.createArrayOf("varchar", columns[column]));
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + sorted.size() + " findings", e);
        }
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
