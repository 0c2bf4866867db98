package io.coverwatch.evaluation.verdict;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.exemption.ExemptionStore;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore;
import io.coverwatch.evaluation.heartbeat.HeartbeatPolicy;
import io.coverwatch.evaluation.heartbeat.HeartbeatStream;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.resource.ResourceStates.KnownResource;
import io.coverwatch.evaluation.rules.AgentActivity;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.ResourceEvaluation;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.RuleOutcome;
import io.coverwatch.evaluation.rules.SecurityActivity;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.coverwatch.evaluation.rules.exclusion.Exemptions;
import io.coverwatch.evaluation.signal.DefenderAssessmentStore;
import io.coverwatch.evaluation.signal.SecurityActivityStore;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluates every rule on one resource from the state the service holds, and settles the verdicts in the finding
 * ledger. One resource is evaluated by one transaction at a time, across all instances (a PostgreSQL advisory lock
 * on the resource key), which is what keeps a finding from opening twice.
 */
@ApplicationScoped
public class ResourceVerdicts {

    private final ResourceStates states;
    private final AgentHeartbeatStore heartbeats;
    private final SecurityActivityStore signals;
    private final DefenderAssessmentStore assessments;
    private final ExemptionStore exemptions;
    private final FindingLedger ledger;
    private final HeartbeatPolicy heartbeatPolicy;
    private final HeartbeatStream heartbeatStream;
    private final EvaluationConfig config;

    ResourceVerdicts(
            ResourceStates states,
            AgentHeartbeatStore heartbeats,
            SecurityActivityStore signals,
            DefenderAssessmentStore assessments,
            ExemptionStore exemptions,
            FindingLedger ledger,
            HeartbeatPolicy heartbeatPolicy,
            HeartbeatStream heartbeatStream,
            EvaluationConfig config) {
        this.states = states;
        this.heartbeats = heartbeats;
        this.signals = signals;
        this.assessments = assessments;
        this.exemptions = exemptions;
        this.ledger = ledger;
        this.heartbeatPolicy = heartbeatPolicy;
        this.heartbeatStream = heartbeatStream;
        this.config = config;
    }

    /**
     * Re-evaluates one resource and settles its findings, and for a machine the state of its agents.
     *
     * @return what the rules looked at; empty when the resource is not known (deleted, or not reported yet)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EvaluationInput> evaluate(String resourceKey, Instant now) {
        lock(resourceKey);
        Optional<EvaluationInput> input = states.findKnown(resourceKey).map(known -> inputFor(known, now));
        input.ifPresent(evaluated -> {
            AzureResource resource = evaluated.resource();
            List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(evaluated);
            var active = exemptions.active(now);
            ledger.settle(resource, outcomes, outcome -> Exemptions.reasonFor(outcome, resource, active, now), now);
            if (ResourceKind.of(resource.type()).isMachine()) {
                heartbeats.settleHealth(resourceKey, AgentHealth.of(evaluated));
            }
        });
        return input;
    }

    /** Takes the resource's evaluation lock for the rest of the transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String resourceKey) {
        Panache.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", resourceKey)
                .getSingleResult();
    }

    /** Everything the rules look at for a resource, as the service holds it now. */
    public EvaluationInput inputFor(KnownResource known, Instant now) {
        AzureResource resource = known.resource();
        String key = AzureResource.normalizeId(resource.id());
        ResourceKind kind = ResourceKind.of(resource.type());
        Optional<SubscriptionDetails> subscription = resource.subscriptionId() == null
                ? Optional.empty()
                : states.find(AzureResource.subscriptionResourceId(resource.subscriptionId()))
                        .map(AzureResource::details)
                        .filter(SubscriptionDetails.class::isInstance)
                        .map(SubscriptionDetails.class::cast);
        return new EvaluationInput(
                resource,
                known.knownSince(),
                subscription,
                dataCollectionRulesOf(resource),
                Optional.ofNullable(resource.azureLocalInstanceId()).flatMap(states::find),
                kind.isMachine() ? heartbeats.find(key).orElse(AgentActivity.NONE) : AgentActivity.NONE,
                kind.isMachine() ? signals.find(key).orElse(SecurityActivity.NONE) : SecurityActivity.NONE,
                assessments.of(key),
                kind == ResourceKind.SUBSCRIPTION ? kindsIn(resource.subscriptionId()) : Map.of(),
                heartbeatPolicy.thresholdFor(resource),
                config.signalWindow(),
                now,
                kind.isMachine() ? heartbeatStream.heardUpTo(now) : now);
    }

    private Map<String, AzureResource> dataCollectionRulesOf(AzureResource resource) {
        return resource.details().dataCollectionRuleIds().stream()
                .map(states::find)
                .flatMap(Optional::stream)
                .filter(rule -> rule.details() instanceof DataCollectionRuleDetails)
                .collect(Collectors.toMap(
                        rule -> AzureResource.normalizeId(rule.id()), Function.identity(), (a, b) -> a));
    }

    private Map<ResourceKind, Long> kindsIn(String subscriptionId) {
        Map<ResourceKind, Long> kinds = new EnumMap<>(ResourceKind.class);
        states.countByType(subscriptionId)
                .forEach((type, count) -> kinds.merge(ResourceKind.of(type), count, Long::sum));
        return kinds;
    }
}
