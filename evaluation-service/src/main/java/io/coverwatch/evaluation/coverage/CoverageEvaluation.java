package io.coverwatch.evaluation.coverage;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.resource.ResourceStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Re-evaluates the rules a resource change can affect, and hands the verdicts to the finding ledger. */
@ApplicationScoped
public class CoverageEvaluation {

    /** ARM types (lower-cased) that Defender for Servers protects. */
    static final Set<String> MACHINE_TYPES =
            Set.of("microsoft.compute/virtualmachines", "microsoft.hybridcompute/machines");

    /** The seed's first troubleshooting step, named on the finding. */
    static final String SERVERS_PLAN_STEP = "1. Defender for Servers plan enabled on the subscription";

    private final ResourceStates states;
    private final FindingLedger ledger;

    CoverageEvaluation(ResourceStates states, FindingLedger ledger) {
        this.states = states;
        this.ledger = ledger;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resourceChanged(AzureResource resource, Instant observedAt) {
        states.put(resource, observedAt);
        evaluateServersPlan(resource.subscriptionId(), observedAt);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resourceDeleted(String resourceId, String subscriptionId, Instant observedAt) {
        states.remove(resourceId);
        if (subscriptionId != null) {
            evaluateServersPlan(subscriptionId, observedAt);
        }
    }

    private void evaluateServersPlan(String subscriptionId, Instant now) {
        Optional<AzureResource> subscription = states.find(AzureResource.subscriptionResourceId(subscriptionId));
        Optional<SubscriptionDetails> details = subscription
                .map(AzureResource::details)
                .filter(SubscriptionDetails.class::isInstance)
                .map(SubscriptionDetails.class::cast);
        Verdict verdict = ServersPlanCoverage.evaluate(details, states.count(subscriptionId, MACHINE_TYPES));
        subscription.ifPresent(
                resource -> ledger.apply(RuleCatalog.DEFENDER_FOR_SERVERS, resource, verdict, SERVERS_PLAN_STEP, now));
    }
}
