package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AzureResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The live demo estate: each resource as the demo currently has it, keyed by normalized ARM ID. Thread-safe: the
 * heartbeat job reads it while scenarios and actions change it, one resource at a time.
 */
@ApplicationScoped
public class DemoEstate {

    private final ConcurrentMap<String, DemoResource> resources = new ConcurrentHashMap<>();
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final Queue<DemoRound> pending = new ConcurrentLinkedQueue<>();

    /** Replaces the estate with these resources. */
    void load(List<DemoResource> estate) {
        resources.clear();
        estate.forEach(resource -> resources.put(AzureResource.normalizeId(resource.id()), resource));
        loaded.set(true);
    }

    /** Whether an estate has been loaded (the demo is enabled and has started). */
    public boolean loaded() {
        return loaded.get();
    }

    public Optional<DemoResource> find(String resourceId) {
        return Optional.ofNullable(resources.get(AzureResource.normalizeId(resourceId)));
    }

    public Collection<DemoResource> all() {
        return List.copyOf(resources.values());
    }

    /**
     * Changes one resource atomically: concurrent changes of the same resource run one after the other, each seeing
     * the previous one's result. The change may have side effects (recording the result): they happen in the same
     * order. An exception leaves the resource as it was.
     *
     * @throws InvalidDemoRequest when the estate has no such resource
     */
    DemoResource update(String resourceId, UnaryOperator<DemoResource> change) {
        DemoResource changed = resources.computeIfPresent(AzureResource.normalizeId(resourceId), (id, current) -> {
            DemoResource next = change.apply(current);
            return next == null ? current : next;
        });
        if (changed == null) {
            throw new InvalidDemoRequest("The demo estate has no resource " + resourceId);
        }
        return changed;
    }

    /** What to send with the next round (for example what the estate sends once, at startup). */
    void queue(DemoRound round) {
        if (!round.isEmpty()) {
            pending.add(round);
        }
    }

    /** Takes everything queued; whoever takes it re-queues what it fails to send. */
    DemoRound takeQueued() {
        List<DemoRound> taken = new ArrayList<>();
        for (DemoRound round = pending.poll(); round != null; round = pending.poll()) {
            taken.add(round);
        }
        return DemoRound.merge(taken);
    }
}
