package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.evaluation.rules.agent.AgentRules;
import io.coverwatch.evaluation.rules.coverage.PlanCoverage;
import io.coverwatch.evaluation.rules.diagnosis.Diagnosis;
import io.coverwatch.evaluation.rules.diagnosis.MachineDiagnosis;
import io.coverwatch.evaluation.rules.exclusion.AzureLocalExclusions;
import io.coverwatch.evaluation.rules.monitoring.CrossSignal;
import io.coverwatch.evaluation.rules.monitoring.Monitoring;
import io.coverwatch.evaluation.rules.posture.Posture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Evaluates one resource against every rule for its kind and Defender for Cloud's recommendations on it. */
public final class ResourceEvaluation {

    /** What decides each catalog rule; every rule of {@link RuleCatalog#ALL} has exactly one. */
    private static final Map<String, Function<EvaluationInput, Verdict>> CHECKS = Map.ofEntries(
            Map.entry(RuleCatalog.DEFENDER_FOR_SERVERS.id(), PlanCoverage::serversPlan),
            Map.entry(RuleCatalog.DEFENDER_FOR_SQL.id(), PlanCoverage::resourcePlan),
            Map.entry(RuleCatalog.DEFENDER_FOR_SQL_VM.id(), PlanCoverage::resourcePlan),
            Map.entry(RuleCatalog.DEFENDER_FOR_STORAGE.id(), PlanCoverage::resourcePlan),
            Map.entry(RuleCatalog.DEFENDER_FOR_KEY_VAULT.id(), PlanCoverage::resourcePlan),
            Map.entry(RuleCatalog.DEFENDER_FOR_CONTAINERS.id(), PlanCoverage::resourcePlan),
            Map.entry(RuleCatalog.DEFENDER_FOR_APP_SERVICE.id(), PlanCoverage::resourcePlan),
            Map.entry(RuleCatalog.LOG_ANALYTICS_AGENT.id(), Monitoring::logAnalyticsAgentInstalled),
            Map.entry(RuleCatalog.NOT_MONITORED.id(), Monitoring::notMonitored),
            Map.entry(RuleCatalog.AMA_DOWN.id(), AgentRules::amaDown),
            Map.entry(RuleCatalog.ARC_DISCONNECTED.id(), AgentRules::arcDisconnected),
            Map.entry(RuleCatalog.LEGACY_AGENT.id(), AgentRules::legacyAgentReporting),
            Map.entry(RuleCatalog.AMA_NOT_COLLECTING.id(), CrossSignal::amaCollectingSecurityEvents),
            Map.entry(RuleCatalog.MDE_NOT_DEPLOYED.id(), CrossSignal::mdeDeployed),
            Map.entry(RuleCatalog.FOUNDATIONAL_CSPM.id(), Posture::foundationalCspm),
            Map.entry(RuleCatalog.MCSB_ASSIGNED.id(), Posture::mcsbAssigned),
            Map.entry(RuleCatalog.AMA_AUTO_PROVISIONING.id(), Posture::azureMonitorAgentProvisioned),
            Map.entry(RuleCatalog.MDE_AUTO_PROVISIONING.id(), Posture::mdeSensorProvisioned),
            Map.entry(RuleCatalog.SENTINEL_WORKSPACE.id(), Posture::sentinelWorkspace),
            Map.entry(RuleCatalog.DCR_SECURITY_EVENTS.id(), Posture::dataCollectionRuleSecurityEvents),
            Map.entry(RuleCatalog.AZURE_LOCAL_VERSION.id(), Posture::azureLocalVersion));

    static {
        List<String> unchecked = RuleCatalog.ALL.stream()
                .map(Rule::id)
                .filter(id -> !CHECKS.containsKey(id))
                .toList();
        if (!unchecked.isEmpty() || CHECKS.size() != RuleCatalog.ALL.size()) {
            throw new IllegalStateException("Catalog rules without exactly one check: " + unchecked);
        }
    }

    private ResourceEvaluation() {}

    /**
     * An outcome for every catalog rule that applies to the resource's kind (passes included, so the service can
     * resolve findings), then one per Defender assessment on the resource (the latest per recommendation). A failing
     * outcome carries the Azure Local exclusion reason when seed 000's table excludes it.
     */
    public static List<RuleOutcome> evaluate(EvaluationInput input) {
        ResourceKind kind = ResourceKind.of(input.resource().type());
        Optional<TroubleshootingStep> machineStop = kind.isMachine()
                ? MachineDiagnosis.diagnose(input).firstFailure().map(Diagnosis.StepFailure::step)
                : Optional.empty();
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (Rule rule : RuleCatalog.ALL) {
            if (rule.kinds().contains(kind)) {
                Verdict verdict = CHECKS.get(rule.id()).apply(input);
                // Every failing rule on a machine carries where the machine's walk stops, so that no plan for one of
                // its findings (an agent install, say) goes past a step that blocks it (DESIGN.md §4, trust rules).
                if (verdict instanceof Verdict.Fail fail && machineStop.isPresent()) {
                    verdict = fail.onStep(machineStop.get());
                }
                outcomes.add(outcome(input, rule, verdict));
            }
        }
        for (DefenderAssessment assessment : latestPerRecommendation(input.assessments())) {
            outcomes.add(outcome(input, RuleCatalog.defenderRecommendation(assessment), verdict(assessment)));
        }
        return List.copyOf(outcomes);
    }

    private static RuleOutcome outcome(EvaluationInput input, Rule rule, Verdict verdict) {
        String exclusion = verdict instanceof Verdict.Fail
                ? AzureLocalExclusions.reasonFor(input.resource(), rule.title()).orElse(null)
                : null;
        return new RuleOutcome(rule, input.resource().id(), verdict, exclusion);
    }

    private static Verdict verdict(DefenderAssessment assessment) {
        if (assessment.status() != AssessmentStatus.UNHEALTHY) {
            return new Verdict.Pass();
        }
        return new Verdict.Fail(
                assessment.cause() == null
                        ? "Defender for Cloud reports the resource as unhealthy"
                        : "Defender for Cloud reports the resource as unhealthy: " + assessment.cause());
    }

    /** Continuous export may deliver a recommendation more than once: keep the latest state per assessment key. */
    private static List<DefenderAssessment> latestPerRecommendation(List<DefenderAssessment> assessments) {
        return assessments.stream()
                .collect(Collectors.toMap(
                        assessment -> assessment.assessmentKey().toLowerCase(Locale.ROOT),
                        Function.identity(),
                        (first, second) -> second.observedAt().isAfter(first.observedAt()) ? second : first))
                .values()
                .stream()
                .sorted(Comparator.comparing(
                        assessment -> assessment.assessmentKey().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
