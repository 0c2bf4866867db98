package io.coverwatch.evaluation.verdict;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore;
import io.coverwatch.evaluation.heartbeat.HeartbeatPolicy;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.signal.DefenderAssessmentStore;
import io.coverwatch.evaluation.signal.SecurityActivityStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Applies a change of the estate and re-evaluates what it can affect: the resource; its subscription (whose rules
 * depend on what it holds); every resource of a changed subscription; every member of a changed Azure Local instance.
 * The subscription is always evaluated first, so concurrent transactions take the evaluation locks in one order.
 */
@ApplicationScoped
public class EstateChanges {

    private final ResourceStates states;
    private final ResourceVerdicts verdicts;
    private final AgentHeartbeatStore heartbeats;
    private final SecurityActivityStore signals;
    private final DefenderAssessmentStore assessments;
    private final FindingLedger ledger;
    private final HeartbeatPolicy heartbeatPolicy;

    EstateChanges(
            ResourceStates states,
            ResourceVerdicts verdicts,
            AgentHeartbeatStore heartbeats,
            SecurityActivityStore signals,
            DefenderAssessmentStore assessments,
            FindingLedger ledger,
            HeartbeatPolicy heartbeatPolicy) {
        this.states = states;
        this.verdicts = verdicts;
        this.heartbeats = heartbeats;
        this.signals = signals;
        this.assessments = assessments;
        this.ledger = ledger;
        this.heartbeatPolicy = heartbeatPolicy;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resourceChanged(AzureResource resource, Instant observedAt, Instant now) {
        String key = AzureResource.normalizeId(resource.id());
        ResourceKind kind = ResourceKind.of(resource.type());
        if (kind.isMachine()) {
            heartbeats.watch(key, resource.id(), now.plus(heartbeatPolicy.earliest()));
        }
        String subscriptionKey = subscriptionKey(resource.subscriptionId());
        if (subscriptionKey != null && !subscriptionKey.equals(key)) {
            verdicts.lock(subscriptionKey);
        }
        verdicts.lock(key);
        states.put(resource, observedAt);
        if (kind == ResourceKind.SUBSCRIPTION) {
            states.keysIn(resource.subscriptionId()).stream().sorted().forEach(each -> verdicts.evaluate(each, now));
            return;
        }
        if (subscriptionKey != null) {
            verdicts.evaluate(subscriptionKey, now);
        }
        verdicts.evaluate(key, now);
        if (kind == ResourceKind.AZURE_LOCAL_INSTANCE) {
            states.membersOf(resource.id()).stream().sorted().forEach(member -> verdicts.evaluate(member, now));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resourceDeleted(String resourceId, String subscriptionId, Instant now) {
        String key = AzureResource.normalizeId(resourceId);
        // Before the evaluation lock, like watch(): a sweep holding the heartbeat row waits for that lock.
        heartbeats.forget(key);
        String subscriptionKey = subscriptionKey(subscriptionId);
        if (subscriptionKey != null && !subscriptionKey.equals(key)) {
            verdicts.lock(subscriptionKey);
        }
        verdicts.lock(key);
        heartbeats.forgetHealth(key);
        states.remove(resourceId);
        signals.forget(key);
        assessments.forget(key);
        ledger.resolveAll(resourceId, now);
        if (subscriptionKey != null && !subscriptionKey.equals(key)) {
            verdicts.evaluate(subscriptionKey, now);
        }
    }

    /** Re-evaluates resources after something outside the estate changed (an exemption made, removed or expired). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reevaluate(List<String> resourceKeys, Instant now) {
        resourceKeys.stream().sorted().forEach(each -> verdicts.evaluate(each, now));
    }

    private static String subscriptionKey(String subscriptionId) {
        return subscriptionId == null
                ? null
                : AzureResource.normalizeId(AzureResource.subscriptionResourceId(subscriptionId));
    }
}
