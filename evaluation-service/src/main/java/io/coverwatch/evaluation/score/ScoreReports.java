package io.coverwatch.evaluation.score;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.RuleId;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.evaluation.rules.score.ControlOutcomes;
import io.coverwatch.evaluation.rules.score.KindCount;
import io.coverwatch.evaluation.rules.score.SecureScore;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The secure score, from what evaluation holds: each resource counts against every catalog rule for its kind (failing
 * where an open or excluded finding stands) and against every Defender recommendation reported on it. The verdicts
 * are the findings', so the score never disagrees with the findings list.
 *
 * <p>The database counts: the estate per subscription and type (the counters {@link ResourceStates} reads), and the
 * resources with findings or assessments per control, told apart by what the score reads of them. Nothing here grows
 * with the estate; at a million resources the earlier outcome-per-resource reckoning ran the service out of heap.
 */
@ApplicationScoped
public class ScoreReports {

    /** Each ARM type the rules know, with its kind: a type not listed is {@link ResourceKind#OTHER}. */
    private static final String KINDS = Arrays.stream(ResourceKind.values())
            .filter(kind -> kind.armType().isPresent())
            .map(kind -> row(kind.armType().orElseThrow().toLowerCase(Locale.ROOT), kind.name()))
            .collect(Collectors.joining(", "));

    /** Each catalog rule with each kind it evaluates and its control. */
    private static final String CATALOG = RuleCatalog.ALL.stream()
            .flatMap(rule -> rule.kinds().stream()
                    .map(kind -> row(rule.id(), kind.name(), rule.control().name())))
            .collect(Collectors.joining(", "));

    /**
     * Per resource and control, a catalog rule's finding that is not resolved is one failing outcome (excluded or
     * not), and a Defender assessment that is not "not applicable" is one more outcome, failing when unhealthy or when
     * its recommendation's finding stands; the resources are then counted by what the score reads of them.
     *
     * <p>A finding carries its resource's subscription and type, and one that is not resolved always names a resource
     * evaluation holds (findings open only while a held resource is evaluated, under its lock, and a resource's
     * removal resolves its findings in the same transaction), so findings are not joined to the estate: a lookup of
     * each in a million-row index cost 0.5 s for the scale estate's 20,000 silent agents. Assessments are, since
     * Defender may report on a resource before inventory does.
     */
    private static final String TOUCHED = "with kind(resource_type, kind) as (values " + KINDS + "),"
            + " catalog(rule_id, kind, control) as (values " + CATALOG + "),"
            + " outcome as ("
            + "  select f.subscription_id, coalesce(k.kind, 'OTHER') as kind, lower(f.resource_id) as resource_key,"
            + "   c.control,"
            + "   0 as assessment, f.status = '" + FindingStatus.EXCLUDED.name() + "' as excluded,"
            + "   f.status <> '" + FindingStatus.EXCLUDED.name() + "' as failing"
            + "  from finding f"
            + "  left join kind k on k.resource_type = lower(f.resource_type)"
            + "  join catalog c on c.rule_id = f.rule_id and c.kind = coalesce(k.kind, 'OTHER')"
            + "  where f.status <> '" + FindingStatus.RESOLVED.name() + "' and f.subscription_id is not null"
            + "  union all"
            + "  select r.subscription_id, coalesce(k.kind, 'OTHER'), r.resource_key,"
            + "   '" + Control.REMEDIATE_SECURITY_CONFIGURATIONS.name() + "', 1,"
            + "   coalesce(f.status = '" + FindingStatus.EXCLUDED.name() + "', false),"
            + "   case when f.finding_id is null then a.state ->> 'status' = '" + wire(AssessmentStatus.UNHEALTHY) + "'"
            + "    else f.status <> '" + FindingStatus.EXCLUDED.name() + "' end"
            + "  from defender_assessment a"
            + "  join evaluated_resource r on r.resource_key = a.resource_key"
            + "  left join kind k on k.resource_type = r.resource_type"
            + "  left join finding f on lower(f.resource_id) = a.resource_key"
            + "   and f.rule_id = '" + RuleId.DEFENDER_RECOMMENDATION_PREFIX + "' || a.assessment_key"
            + "   and f.status <> '" + FindingStatus.RESOLVED.name() + "'"
            + "  where a.state ->> 'status' <> '" + wire(AssessmentStatus.NOT_APPLICABLE) + "'"
            + "   and r.subscription_id is not null),"
            + " per_resource as ("
            + "  select subscription_id, kind, control, sum(assessment) as assessments,"
            + "   count(*) filter (where excluded) as excluded, bool_or(failing) as failing"
            + "  from outcome group by subscription_id, kind, resource_key, control)"
            + " select subscription_id, kind, control, assessments, excluded, failing, count(*)"
            + " from per_resource group by subscription_id, kind, control, assessments, excluded, failing";

    private final ResourceStates states;

    ScoreReports(ResourceStates states) {
        this.states = states;
    }

    /** The score of each subscription, by lower-cased subscription ID. */
    public Map<String, SecureScore> perSubscription() {
        List<KindCount> estate = states.typeCounts(null).stream()
                .map(count ->
                        new KindCount(count.subscriptionId(), ResourceKind.of(count.resourceType()), count.resources()))
                .toList();
        return SecureScore.perSubscription(estate, touched());
    }

    /**
     * The rows written to what the score counts (findings, Defender assessments, the resources held), as the database
     * counts them for every instance in its statistics, a second or a few behind: the same number twice means nobody
     * changed them in between. Reading it costs a lookup, where a reckoning reads every open finding.
     */
    public long writes() {
        return ((Number) Panache.getEntityManager()
                        .createNativeQuery("select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                                + " from pg_stat_user_tables where schemaname = current_schema()"
                                + " and relname in ('finding', 'defender_assessment', 'evaluated_resource')")
                        .getSingleResult())
                .longValue();
    }

    private static List<ControlOutcomes> touched() {
        List<?> rows = Panache.getEntityManager().createNativeQuery(TOUCHED).getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new ControlOutcomes(
                        (String) row[0],
                        ResourceKind.valueOf((String) row[1]),
                        Control.valueOf((String) row[2]),
                        ((Number) row[3]).intValue(),
                        ((Number) row[4]).intValue(),
                        (Boolean) row[5],
                        ((Number) row[6]).longValue()))
                .toList();
    }

    /** A row of SQL {@code values}; the values are the code's own constants (rule IDs, ARM types, enum names). */
    private static String row(String... values) {
        return Arrays.stream(values)
                .map(value -> "'" + value.replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** An assessment status as the stored JSON spells it. */
    private static String wire(AssessmentStatus status) {
        return ContractsJson.toJson(status).replace("\"", "");
    }
}
