package io.coverwatch.evaluation.verdict;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.DefenderAssessment;
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
import io.coverwatch.evaluation.rules.SecurityActivity;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.coverwatch.evaluation.rules.exclusion.Exemption;
import io.coverwatch.evaluation.rules.exclusion.Exemptions;
import io.coverwatch.evaluation.signal.DefenderAssessmentStore;
import io.coverwatch.evaluation.signal.SecurityActivityStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Evaluates every rule on resources from the state the service holds, and settles the verdicts in the finding ledger.
 * One resource is evaluated by one transaction at a time, across all instances (a PostgreSQL advisory lock
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
    private final DataSource dataSource;

    ResourceVerdicts(
            ResourceStates states,
            AgentHeartbeatStore heartbeats,
            SecurityActivityStore signals,
            DefenderAssessmentStore assessments,
            ExemptionStore exemptions,
            FindingLedger ledger,
            HeartbeatPolicy heartbeatPolicy,
            HeartbeatStream heartbeatStream,
            EvaluationConfig config,
            DataSource dataSource) {
        this.states = states;
        this.heartbeats = heartbeats;
        this.signals = signals;
        this.assessments = assessments;
        this.exemptions = exemptions;
        this.ledger = ledger;
        this.heartbeatPolicy = heartbeatPolicy;
        this.heartbeatStream = heartbeatStream;
        this.config = config;
        this.dataSource = dataSource;
    }

    /**
     * Keys evaluated per round of {@link #evaluateAll}: a subscription's change re-evaluates every resource in it, and
     * rounds keep what one holds in memory (states, findings, outcomes) to a few hundred resources.
     */
    private static final int KEYS_PER_ROUND = 500;

    /**
     * Re-evaluates one resource and settles its findings, and for a machine the state of its agents: the one-element
     * case of {@link #evaluateAll}.
     *
     * @return what the rules looked at; empty when the resource is not known (deleted, or not reported yet)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EvaluationInput> evaluate(String resourceKey, Instant now) {
        return Optional.ofNullable(evaluateAll(List.of(resourceKey), now).get(resourceKey));
    }

    /**
     * Re-evaluates resources and settles their findings, and for machines the state of their agents. Their evaluation
     * locks are taken first, all at once in key order; then each round of a few hundred is read, judged and settled
     * with a fixed number of statements (states, their subscriptions, data collection rules and Azure Local instances,
     * heartbeats, signals, assessments, findings; the findings and the agents' states written back), whatever its
     * size: evaluating one resource at a time cost a dozen round trips each, and bounded a poll at a few hundred
     * resources a second.
     *
     * @return what the rules looked at, by key, for the resources that are known (not deleted, and reported)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, EvaluationInput> evaluateAll(Collection<String> resourceKeys, Instant now) {
        return evaluateAll(resourceKeys, now, heartbeats::settleHealth);
    }

    /**
     * {@link #evaluateAll(Collection, Instant)}, handing each round's states of the machines' agents to {@code health}
     * rather than writing them: the staleness sweep writes them with each machine's next look, in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, EvaluationInput> evaluateAll(
            Collection<String> resourceKeys, Instant now, Consumer<Map<String, AgentHealth>> health) {
        List<String> sorted = List.copyOf(new TreeSet<>(resourceKeys));
        lock(sorted);
        Map<String, EvaluationInput> evaluated = new LinkedHashMap<>();
        List<Exemption> active = null;
        for (int first = 0; first < sorted.size(); first += KEYS_PER_ROUND) {
            List<String> round = sorted.subList(first, Math.min(sorted.size(), first + KEYS_PER_ROUND));
            Map<String, EvaluationInput> inputs =
                    inputsFor(states.findKnown(round).values(), now);
            if (inputs.isEmpty()) {
                continue;
            }
            if (active == null) {
                active = exemptions.active(now);
            }
            List<Exemption> standing = active;
            List<FindingLedger.Evaluation> settled = new ArrayList<>();
            Map<String, AgentHealth> found = new HashMap<>();
            inputs.forEach((key, input) -> {
                AzureResource resource = input.resource();
                settled.add(new FindingLedger.Evaluation(
                        resource,
                        ResourceEvaluation.evaluate(input),
                        outcome -> Exemptions.reasonFor(outcome, resource, standing, now)));
                if (ResourceKind.of(resource.type()).isMachine()) {
                    found.put(key, AgentHealth.of(input));
                }
            });
            ledger.settle(settled, now);
            health.accept(found);
            evaluated.putAll(inputs);
        }
        return evaluated;
    }

    /**
     * Takes the resources' evaluation locks for the rest of the transaction, in key order, with one statement: it
     * calls the lock function row by row as it reads the sorted array, so in the array's order, and a lock it waits for
     * holds back the keys after it, never those before.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Collection<String> resourceKeys) {
        if (resourceKeys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended(resource_key, 0))"
                                + " from unnest(?::varchar[]) as k(resource_key)")) {
            statement.setArray(1, connection.createArrayOf("varchar", new TreeSet<>(resourceKeys).toArray()));
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock " + resourceKeys.size() + " resources", e);
        }
    }

    /** Everything the rules look at for a resource, as the service holds it now. */
    public EvaluationInput inputFor(KnownResource known, Instant now) {
        return inputsFor(List.of(known), now)
                .get(AzureResource.normalizeId(known.resource().id()));
    }

    /**
     * Everything the rules look at for these resources, by key in key order, read with one statement per kind of
     * state: a subscription, a data collection rule or an Azure Local instance that many of them share is read and
     * parsed once.
     */
    private Map<String, EvaluationInput> inputsFor(Collection<KnownResource> known, Instant now) {
        Map<String, EvaluationInput> inputs = new TreeMap<>();
        if (known.isEmpty()) {
            return inputs;
        }
        Map<String, AzureResource> resources = new TreeMap<>();
        known.forEach(
                each -> resources.put(AzureResource.normalizeId(each.resource().id()), each.resource()));
        Set<String> relatedKeys = new HashSet<>();
        List<String> machines = new ArrayList<>();
        resources.forEach((key, resource) -> {
            subscriptionKey(resource).ifPresent(relatedKeys::add);
            resource.details().dataCollectionRuleIds().stream()
                    .map(AzureResource::normalizeId)
                    .forEach(relatedKeys::add);
            Optional.ofNullable(resource.azureLocalInstanceId())
                    .map(AzureResource::normalizeId)
                    .ifPresent(relatedKeys::add);
            if (ResourceKind.of(resource.type()).isMachine()) {
                machines.add(key);
            }
        });
        Map<String, AzureResource> related = new HashMap<>();
        states.findKnown(relatedKeys).forEach((key, each) -> related.put(key, each.resource()));
        Map<String, AgentActivity> agents = heartbeats.find(machines);
        Map<String, SecurityActivity> signalsOf = signals.find(machines);
        Map<String, List<DefenderAssessment>> assessmentsOf = assessments.of(resources.keySet());
        Instant heardUpTo = machines.isEmpty() ? now : heartbeatStream.heardUpTo(now);
        Map<String, Map<String, Long>> typesIn = states.countByType(resources.values().stream()
                .filter(resource -> ResourceKind.of(resource.type()) == ResourceKind.SUBSCRIPTION)
                .map(AzureResource::subscriptionId)
                .filter(Objects::nonNull)
                .toList());
        for (KnownResource each : known) {
            AzureResource resource = each.resource();
            String key = AzureResource.normalizeId(resource.id());
            ResourceKind kind = ResourceKind.of(resource.type());
            Optional<SubscriptionDetails> subscription = subscriptionKey(resource)
                    .map(related::get)
                    .map(AzureResource::details)
                    .filter(SubscriptionDetails.class::isInstance)
                    .map(SubscriptionDetails.class::cast);
            inputs.put(
                    key,
                    new EvaluationInput(
                            resource,
                            each.knownSince(),
                            subscription,
                            dataCollectionRulesOf(resource, related),
                            Optional.ofNullable(resource.azureLocalInstanceId())
                                    .map(AzureResource::normalizeId)
                                    .map(related::get),
                            kind.isMachine() ? agents.getOrDefault(key, AgentActivity.NONE) : AgentActivity.NONE,
                            kind.isMachine()
                                    ? signalsOf.getOrDefault(key, SecurityActivity.NONE)
                                    : SecurityActivity.NONE,
                            assessmentsOf.getOrDefault(key, List.of()),
                            kind == ResourceKind.SUBSCRIPTION ? kindsIn(resource.subscriptionId(), typesIn) : Map.of(),
                            heartbeatPolicy.thresholdFor(resource),
                            config.signalWindow(),
                            now,
                            kind.isMachine() ? heardUpTo : now));
        }
        return inputs;
    }

    private static Optional<String> subscriptionKey(AzureResource resource) {
        return Optional.ofNullable(resource.subscriptionId())
                .map(AzureResource::subscriptionResourceId)
                .map(AzureResource::normalizeId);
    }

    private static Map<String, AzureResource> dataCollectionRulesOf(
            AzureResource resource, Map<String, AzureResource> related) {
        return resource.details().dataCollectionRuleIds().stream()
                .map(AzureResource::normalizeId)
                .map(related::get)
                .filter(Objects::nonNull)
                .filter(rule -> rule.details() instanceof DataCollectionRuleDetails)
                .collect(Collectors.toMap(
                        rule -> AzureResource.normalizeId(rule.id()), Function.identity(), (a, b) -> a));
    }

    /** How many resources of each kind a subscription holds, from the counts per type of its batch. */
    private static Map<ResourceKind, Long> kindsIn(String subscriptionId, Map<String, Map<String, Long>> typesIn) {
        Map<ResourceKind, Long> kinds = new EnumMap<>(ResourceKind.class);
        if (subscriptionId != null) {
            typesIn.getOrDefault(subscriptionId.toLowerCase(Locale.ROOT), Map.of())
                    .forEach((type, count) -> kinds.merge(ResourceKind.of(type), count, Long::sum));
        }
        return kinds;
    }
}
