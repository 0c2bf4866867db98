package io.coverwatch.evaluation.score;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.Rule;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.evaluation.rules.RuleOutcome;
import io.coverwatch.evaluation.rules.Verdict;
import io.coverwatch.evaluation.rules.score.ScoredOutcome;
import io.coverwatch.evaluation.rules.score.SecureScore;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The secure score, from what evaluation holds: each resource counts against every catalog rule for its kind (failing
 * where an open or excluded finding stands) and against every Defender recommendation reported on it. The verdicts
 * are the findings', so the score never disagrees with the findings list.
 */
@ApplicationScoped
public class ScoreReports {

    /** The score of each subscription, by lower-cased subscription ID. */
    public Map<String, SecureScore> perSubscription() {
        return SecureScore.perSubscription(outcomes());
    }

    public SecureScore overall() {
        return SecureScore.compute(outcomes());
    }

    private List<ScoredOutcome> outcomes() {
        Map<String, String[]> findings = new HashMap<>(); // finding ID → {status, exclusion reason}
        Panache.getEntityManager()
                .createQuery(
                        "select f.findingId, f.status, f.exclusionReason from FindingRecord f where f.status <> :resolved",
                        Object[].class)
                .setParameter("resolved", FindingStatus.RESOLVED)
                .getResultList()
                .forEach(row -> findings.put((String) row[0], new String[] {row[1].toString(), (String) row[2]}));
        List<ScoredOutcome> outcomes = new ArrayList<>();
        Panache.getEntityManager()
                .createQuery("select r.resourceId, r.type, r.subscriptionId from EvaluatedResource r", Object[].class)
                .getResultStream()
                .forEach(row -> {
                    String resourceId = (String) row[0];
                    ResourceKind kind = ResourceKind.of((String) row[1]);
                    String subscriptionId = (String) row[2];
                    RuleCatalog.ALL.stream()
                            .filter(rule -> rule.kinds().contains(kind))
                            .forEach(rule -> outcomes.add(scored(subscriptionId, rule, resourceId, findings, false)));
                });
        List<?> assessments = Panache.getEntityManager()
                .createNativeQuery("select cast(a.state as varchar), r.subscription_id from defender_assessment a"
                        + " join evaluated_resource r on r.resource_key = a.resource_key")
                .getResultList();
        assessments.stream().map(Object[].class::cast).forEach(row -> {
            DefenderAssessment assessment = ContractsJson.fromJson((String) row[0], DefenderAssessment.class);
            if (assessment.status() != AssessmentStatus.NOT_APPLICABLE) {
                outcomes.add(scored(
                        (String) row[1],
                        RuleCatalog.defenderRecommendation(assessment),
                        assessment.resourceId(),
                        findings,
                        assessment.status() == AssessmentStatus.UNHEALTHY));
            }
        });
        return outcomes;
    }

    private static ScoredOutcome scored(
            String subscriptionId, Rule rule, String resourceId, Map<String, String[]> findings, boolean failing) {
        String[] finding = findings.get(Finding.idFor(rule.id(), resourceId));
        Verdict verdict = finding != null || failing ? new Verdict.Fail(null) : new Verdict.Pass();
        String exclusion = finding != null && FindingStatus.EXCLUDED.name().equals(finding[0]) ? finding[1] : null;
        return new ScoredOutcome(subscriptionId, new RuleOutcome(rule, resourceId, verdict, exclusion));
    }
}
