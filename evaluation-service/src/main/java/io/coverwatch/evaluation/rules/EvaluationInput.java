package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.SubscriptionDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the rules may look at for one resource, assembled by the service from its state. The rules are pure
 * functions of this record: the same input always yields the same outcomes.
 *
 * @param resource            the resource being evaluated
 * @param knownSince          when evaluation first saw the resource (a machine that never sent a heartbeat is only
 *                            overdue once it has been known for longer than the threshold)
 * @param subscription        the resource's subscription, empty while inventory has not reported it
 * @param dataCollectionRules the data collection rules associated with the machine, by lower-cased ARM ID (only those
 *                            inventory has reported)
 * @param azureLocalInstance  the Azure Local instance the resource belongs to, when it belongs to one
 * @param agents              the machine's last heartbeats per agent
 * @param signals             the machine's last security signals
 * @param assessments         Defender for Cloud's current recommendations on the resource
 * @param subscriptionKinds   for a subscription: how many resources of each kind it holds; empty otherwise
 * @param heartbeatThreshold  how old the last AMA heartbeat may be before the agent counts as down, already resolved
 *                            for this resource's subscription and tags
 * @param signalWindow        how far back security signals count for the cross-signal rules
 * @param now                 the evaluation time
 * @param heardUpTo           how far the heartbeat stream has been read: every heartbeat sent before it is in
 *                            {@code agents}. Silence is judged at this instant, never at {@code now}: while the stream
 *                            is behind, a machine whose heartbeats are still queued is not silent, only unheard. Never
 *                            after {@code now}; null means caught up ({@code now})
 */
public record EvaluationInput(
        AzureResource resource,
        Instant knownSince,
        Optional<SubscriptionDetails> subscription,
        Map<String, AzureResource> dataCollectionRules,
        Optional<AzureResource> azureLocalInstance,
        AgentActivity agents,
        SecurityActivity signals,
        List<DefenderAssessment> assessments,
        Map<ResourceKind, Long> subscriptionKinds,
        Duration heartbeatThreshold,
        Duration signalWindow,
        Instant now,
        Instant heardUpTo) {

    public EvaluationInput {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(now, "now");
        heardUpTo = heardUpTo == null || heardUpTo.isAfter(now) ? now : heardUpTo;
        knownSince = knownSince == null ? now : knownSince;
        subscription = subscription == null ? Optional.empty() : subscription;
        dataCollectionRules = dataCollectionRules == null ? Map.of() : Map.copyOf(dataCollectionRules);
        azureLocalInstance = azureLocalInstance == null ? Optional.empty() : azureLocalInstance;
        agents = agents == null ? AgentActivity.NONE : agents;
        signals = signals == null ? SecurityActivity.NONE : signals;
        assessments = assessments == null ? List.of() : List.copyOf(assessments);
        subscriptionKinds = subscriptionKinds == null ? Map.of() : Map.copyOf(subscriptionKinds);
        Objects.requireNonNull(heartbeatThreshold, "heartbeatThreshold");
        Objects.requireNonNull(signalWindow, "signalWindow");
    }
}
