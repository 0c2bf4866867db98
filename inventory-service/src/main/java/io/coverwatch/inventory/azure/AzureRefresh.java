package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.WorkspaceSetting;
import io.coverwatch.inventory.azure.AzureDiscovery.VisibleSubscription;
import io.coverwatch.inventory.azure.AzureMapping.MappedResource;
import io.coverwatch.inventory.resource.ResourceInventory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Targeted refresh: a change Azure reports for one resource (an Activity Log write or delete, or {@code POST
 * /api/sync?resourceId=}) reads that resource again instead of the whole estate.
 *
 * <p>It reads the same Resource Graph tables as the full sync, filtered to the resources asked for, so both map the
 * very same rows through {@link AzureMapping} and change detection never sees a difference that is only a difference
 * of shape (a single ARM GET spells types, resource groups and instance views differently). A change to an extension
 * or data collection rule association reads its machine; a change to a subscription's Defender settings or policy
 * assignments reads the subscription ({@link RefreshTarget}).
 *
 * <p>Changes are coalesced: the first one for a resource starts a wait of {@code refresh-delay}; everything that
 * arrives meanwhile, for it or for others, is read by one query per {@code refresh-batch-size} resources. Resource
 * Graph follows Resource Manager within seconds, so a row that contradicts the change (a deleted resource or
 * extension still there, a new extension or association not there yet) is read again, up to {@code refresh-checks}
 * times, before it is taken as it is. A resource gone from Resource Graph is forgotten when its own deletion was
 * reported or a refresh was asked for; after a mere write it is left to the next full sync.
 */
@ApplicationScoped
public class AzureRefresh {

    private static final Logger LOG = Logger.getLogger(AzureRefresh.class);

    private final AzureConfig config;
    private final AzureDiscovery discovery;
    private final AzureSync sync;
    private final ResourceInventory inventory;

    /** The targets waiting for the next round, by key; the point of this bean, hence mutable and concurrent. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private final AtomicBoolean roundScheduled = new AtomicBoolean();

    /** Targets taken from {@link #pending} by the round under way. */
    private final AtomicInteger reading = new AtomicInteger();

    AzureRefresh(AzureConfig config, AzureDiscovery discovery, AzureSync sync, ResourceInventory inventory) {
        this.config = config;
        this.discovery = discovery;
        this.sync = sync;
        this.inventory = inventory;
    }

    /** What a reported change says the row of the changed ID should show. */
    enum Expectation {
        /** A written extension or association: its row should be there. */
        PRESENT,
        /** A deleted resource, extension or association: its row should be gone. */
        ABSENT
    }

    /**
     * One target waiting to be read.
     *
     * @param expectations per changed ID (lower-cased) that the refresh reads back
     * @param forgetIfGone whether a target Resource Graph no longer has is forgotten (its deletion was reported, or a
     *     refresh was asked for)
     * @param reads how many times it has been read already
     */
    record Pending(RefreshTarget target, Map<String, Expectation> expectations, boolean forgetIfGone, int reads) {

        Pending merge(Pending later) {
            Map<String, Expectation> merged = new HashMap<>(expectations);
            merged.putAll(later.expectations());
            return new Pending(
                    target, Map.copyOf(merged), forgetIfGone || later.forgetIfGone(), Math.min(reads, later.reads()));
        }

        /** Whether these rows contradict a change, so Resource Graph may not have caught up yet. */
        boolean contradictedBy(Set<String> readIds) {
            return expectations.entrySet().stream()
                    .anyMatch(expected ->
                            readIds.contains(expected.getKey()) == (expected.getValue() == Expectation.ABSENT));
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** How many resources wait for a targeted refresh or are being read. */
    public int waiting() {
        return pending.size() + reading.get();
    }

    /** Whether changes to this ARM ID can be refreshed: an ID of a subscription that inventory reads. */
    public boolean refreshes(String resourceId) {
        String subscriptionId = AzureMapping.idSegment(resourceId, "subscriptions");
        return resourceId.regionMatches(true, 0, "/subscriptions/", 0, "/subscriptions/".length())
                && subscriptionId != null
                && !subscriptionId.isBlank()
                && sync.reads(subscriptionId);
    }

    /** The Activity Log reports a successful write of this ID. */
    public void written(String resourceId) {
        RefreshTarget target = RefreshTarget.of(resourceId);
        boolean child = target.readsBack(resourceId) && !target.isItself(resourceId);
        enqueue(target, child ? Map.of(AzureResource.normalizeId(resourceId), Expectation.PRESENT) : Map.of(), false);
    }

    /** The Activity Log reports a successful delete of this ID. */
    public void deleted(String resourceId) {
        RefreshTarget target = RefreshTarget.of(resourceId);
        enqueue(
                target,
                target.readsBack(resourceId)
                        ? Map.of(AzureResource.normalizeId(resourceId), Expectation.ABSENT)
                        : Map.of(),
                target.isItself(resourceId));
    }

    /** Someone asked for this ID to be read again; it is forgotten if Resource Graph no longer has it. */
    public RefreshTarget requested(String resourceId) {
        RefreshTarget target = RefreshTarget.of(resourceId);
        enqueue(target, Map.of(), true);
        return target;
    }

    private void enqueue(RefreshTarget target, Map<String, Expectation> expectations, boolean forgetIfGone) {
        if (!refreshes(target.id())) {
            LOG.debugf("Not refreshing %s: its subscription is not read", target.id());
            return;
        }
        schedule(new Pending(target, expectations, forgetIfGone, 0));
    }

    private void schedule(Pending next) {
        pending.merge(next.target().key(), next, Pending::merge);
        if (roundScheduled.compareAndSet(false, true)) {
            sync.schedule(this::round, config.refreshDelay());
        }
    }

    /** Reads everything waiting, on the sync thread. */
    void round() {
        roundScheduled.set(false);
        List<Pending> due = new ArrayList<>();
        for (String key : List.copyOf(pending.keySet())) {
            Optional.ofNullable(pending.remove(key)).ifPresent(taken -> {
                reading.incrementAndGet();
                due.add(taken);
            });
        }
        try {
            read(due);
        } finally {
            reading.addAndGet(-due.size());
        }
    }

    private void read(List<Pending> due) {
        if (due.size() > config.refreshFullSyncAbove()) {
            LOG.infof("%d resources changed at once: a full sync reads them", due.size());
            sync.trigger();
            return;
        }
        for (List<Pending> batch : Batches.of(due, config.refreshBatchSize())) {
            try {
                refresh(batch);
            } catch (RuntimeException batchFailure) {
                Map<String, List<Pending>> bySubscription = new HashMap<>();
                batch.forEach(refresh -> bySubscription
                        .computeIfAbsent(AzureSync.key(refresh.target().subscriptionId()), s -> new ArrayList<>())
                        .add(refresh));
                if (bySubscription.size() == 1) {
                    failed(batch, batchFailure);
                    continue;
                }
                // One subscription the identity may not read fails the whole query: read the others on their own.
                for (List<Pending> ofOne : bySubscription.values()) {
                    try {
                        refresh(ofOne);
                    } catch (RuntimeException e) {
                        failed(ofOne, e);
                    }
                }
            }
        }
    }

    private static void failed(List<Pending> refreshes, RuntimeException e) {
        LOG.warnf(
                "Targeted refresh of %s failed (%s); the next full sync reads them",
                refreshes.stream().map(refresh -> refresh.target().id()).toList(), AzureSync.describe(e));
    }

    private void refresh(List<Pending> batch) {
        Map<String, MappedResource> resources = new HashMap<>();
        Set<String> readIds = new HashSet<>();
        List<Pending> ofResources = ofKind(batch, RefreshTarget.Kind.RESOURCE);
        if (!ofResources.isEmpty()) {
            List<String> subscriptions = subscriptions(ofResources);
            List<String> keys = ofResources.stream().map(p -> p.target().key()).toList();
            List<JsonNode> rows = discovery.resources(subscriptions, keys);
            List<JsonNode> associations = discovery.associations(subscriptions, keys);
            List<JsonNode> policyStates = discovery.denyPolicyStates(subscriptions, keys);
            Stream.concat(rows.stream(), associations.stream())
                    .map(row -> AzureResource.normalizeId(AzureMapping.text(row, "id")))
                    .forEach(readIds::add);
            AzureMapping.resources(rows, associations, policyStates)
                    .forEach(mapped -> resources.put(
                            AzureResource.normalizeId(mapped.resource().id()), mapped));
        }
        Map<String, AzureResource> subscriptions =
                subscriptionResources(ofKind(batch, RefreshTarget.Kind.SUBSCRIPTION));

        for (Pending refresh : batch) {
            if (refresh.contradictedBy(readIds) && refresh.reads() + 1 < config.refreshChecks()) {
                schedule(new Pending(
                        refresh.target(), refresh.expectations(), refresh.forgetIfGone(), refresh.reads() + 1));
                continue;
            }
            String key = refresh.target().key();
            if (refresh.target().kind() == RefreshTarget.Kind.SUBSCRIPTION) {
                Optional.ofNullable(subscriptions.get(key))
                        .ifPresent(subscription -> inventory.record(subscription, AzureSync.ORIGIN));
            } else if (resources.containsKey(key)) {
                MappedResource mapped = resources.get(key);
                inventory.record(
                        mapped.resource(), AzureSync.ORIGIN, mapped.row().toString());
            } else if (refresh.forgetIfGone()
                    && inventory.remove(refresh.target().id(), AzureSync.ORIGIN)) {
                LOG.infof("%s is gone from Azure", refresh.target().id());
            }
        }
    }

    /** The subscriptions asked for, with their Defender settings, keyed like their targets. */
    private Map<String, AzureResource> subscriptionResources(List<Pending> refreshes) {
        if (refreshes.isEmpty()) {
            return Map.of();
        }
        List<VisibleSubscription> visible = refreshes.stream()
                .map(refresh -> discovery.subscription(refresh.target().subscriptionId()))
                .flatMap(Optional::stream)
                .toList();
        List<String> ids =
                visible.stream().map(VisibleSubscription::subscriptionId).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<JsonNode> security = discovery.securityResources(ids);
        List<JsonNode> policy = discovery.policyAssignments(ids);
        Map<String, WorkspaceSetting> workspaces = discovery.workspaces(ids);
        Map<String, AzureResource> result = new HashMap<>();
        for (VisibleSubscription subscription : visible) {
            String key = AzureSync.key(subscription.subscriptionId());
            AzureResource resource = sync.subscriptionResource(
                    subscription, ofSubscription(security, key), ofSubscription(policy, key), workspaces.get(key));
            result.put(AzureResource.normalizeId(resource.id()), resource);
        }
        return result;
    }

    private static List<JsonNode> ofSubscription(List<JsonNode> rows, String key) {
        return rows.stream()
                .filter(row -> AzureSync.key(AzureSync.rowSubscription(row)).equals(key))
                .toList();
    }

    private static List<Pending> ofKind(List<Pending> batch, RefreshTarget.Kind kind) {
        return batch.stream().filter(p -> p.target().kind() == kind).toList();
    }

    private static List<String> subscriptions(List<Pending> refreshes) {
        return refreshes.stream()
                .map(refresh -> AzureSync.key(refresh.target().subscriptionId()))
                .distinct()
                .toList();
    }
}
