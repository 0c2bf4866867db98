package io.coverwatch.evaluation.verdict;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore;
import io.coverwatch.evaluation.heartbeat.HeartbeatPolicy;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.resource.ResourceStates.Sighting;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.signal.DefenderAssessmentStore;
import io.coverwatch.evaluation.signal.SecurityActivityStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies changes of the estate and re-evaluates what they can affect: the resource; its subscription (whose rules
 * depend on what it holds); every resource of a changed subscription; every member of a changed Azure Local instance.
 * Evaluation locks are taken in key order, so concurrent transactions take them in one order.
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

    /**
     * One resource event: the resource as inventory last saw it ({@link ResourceUpserted}) or its deletion ({@link
     * ResourceDeleted}), and when inventory observed it.
     */
    public record Observed(CoverwatchEvent change, Instant observedAt) {

        String key() {
            return AzureResource.normalizeId(
                    change instanceof ResourceUpserted upserted
                            ? upserted.resource().id()
                            : ((ResourceDeleted) change).resourceId());
        }

        String subscriptionId() {
            return change instanceof ResourceUpserted upserted
                    ? upserted.resource().subscriptionId()
                    : ((ResourceDeleted) change).subscriptionId();
        }
    }

    /**
     * Applies resource events in their order, in the caller's transaction, then evaluates once each resource they can
     * affect, in its state after the last of them: a subscription that a hundred of its machines' events name is
     * evaluated once, not a hundred times, and a resource changed twice is judged as it is now (a state it passed
     * through between two polls is not reported).
     *
     * <p>The heartbeat rows of everything the changes can affect are taken first, then their evaluation locks, each in
     * key order (a subscription's key sorts before its resources'), as every other evaluation takes them: the sweep
     * holds a heartbeat row while it waits for a machine's lock, and one order means no two transactions ever wait for
     * each other in a circle.
     *
     * <p>Every step is one statement for the whole poll, not one per resource (watching the machines, taking the
     * locks, storing the states, evaluating them as in {@link ResourceVerdicts#evaluateAll}): a poll of five hundred
     * events cost about a dozen round trips per resource, and evaluation kept up with a few hundred changes a second.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Observed> changes, Instant now) {
        // Each changed subscription's and Azure Local instance's dependents, read once, before any lock: they are
        // locked with the rest, and a resource another transaction adds meanwhile is judged by that transaction,
        // which waits for the subscription's lock.
        Map<String, List<String>> dependents = new HashMap<>();
        Set<String> locks = new TreeSet<>();
        Set<String> affected = new TreeSet<>();
        for (Observed change : changes) {
            locks.add(change.key());
            String subscriptionKey = subscriptionKey(change.subscriptionId());
            if (subscriptionKey != null) {
                locks.add(subscriptionKey);
                affected.add(subscriptionKey);
            }
            if (change.change() instanceof ResourceUpserted) {
                List<String> ofChange = dependents.computeIfAbsent(change.key(), key -> dependents(change));
                locks.addAll(ofChange);
                affected.add(change.key());
                affected.addAll(ofChange);
            }
        }
        heartbeats.lockRows(locks);
        Map<String, Observed> lastPerResource = new TreeMap<>();
        changes.forEach(change -> lastPerResource.put(change.key(), change));
        Map<String, String> watched = new TreeMap<>();
        Set<String> forgotten = new TreeSet<>();
        lastPerResource.forEach((key, last) -> {
            if (last.change() instanceof ResourceUpserted upserted) {
                AzureResource resource = upserted.resource();
                if (ResourceKind.of(resource.type()).isMachine()) {
                    watched.put(key, resource.id());
                }
            } else {
                forgotten.add(key);
            }
        });
        heartbeats.watch(watched, now.plus(heartbeatPolicy.earliest()));
        heartbeats.forget(forgotten);
        verdicts.lock(locks);
        // The net effect of the changes on each resource, as applying them one by one would leave it: deleted if any
        // of them deletes it, then stored in its last state if a later one brings it back. A resource new to
        // evaluation is known since the first sighting after its last deletion.
        Map<String, String> deleted = new TreeMap<>();
        Map<String, Sighting> sightings = new TreeMap<>();
        for (Observed change : changes) {
            if (change.change() instanceof ResourceUpserted upserted) {
                Sighting before = sightings.get(change.key());
                sightings.put(
                        change.key(),
                        new Sighting(
                                upserted.resource(),
                                change.observedAt(),
                                before == null ? change.observedAt() : before.knownSince()));
            } else {
                sightings.remove(change.key());
                deleted.put(change.key(), ((ResourceDeleted) change.change()).resourceId());
            }
        }
        remove(deleted, now);
        states.put(sightings.values());
        verdicts.evaluateAll(affected, now);
    }

    /**
     * The resources whose rules read this one's state: every resource of a subscription, every member of an Azure
     * Local instance.
     */
    private List<String> dependents(Observed change) {
        if (!(change.change() instanceof ResourceUpserted upserted)) {
            return List.of();
        }
        AzureResource resource = upserted.resource();
        return switch (ResourceKind.of(resource.type())) {
            case SUBSCRIPTION -> states.keysIn(resource.subscriptionId());
            case AZURE_LOCAL_INSTANCE -> states.membersOf(resource.id());
            default -> List.of();
        };
    }

    /**
     * Forgets deleted resources and resolves their findings; their heartbeat rows went before the locks.
     *
     * @param resourceIds the deleted resources' ARM IDs, by key
     */
    private void remove(Map<String, String> resourceIds, Instant now) {
        if (resourceIds.isEmpty()) {
            return;
        }
        states.remove(resourceIds.values());
        signals.forget(resourceIds.keySet());
        assessments.forget(resourceIds.keySet());
        ledger.resolveAll(resourceIds.values(), now);
    }

    /**
     * Re-evaluates resources after something outside the estate changed (an exemption made, removed or expired; a
     * Defender recommendation or security signal recorded).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reevaluate(List<String> resourceKeys, Instant now) {
        Set<String> sorted = new TreeSet<>(resourceKeys);
        heartbeats.lockRows(sorted);
        verdicts.evaluateAll(sorted, now);
    }

    private static String subscriptionKey(String subscriptionId) {
        return subscriptionId == null
                ? null
                : AzureResource.normalizeId(AzureResource.subscriptionResourceId(subscriptionId));
    }
}
