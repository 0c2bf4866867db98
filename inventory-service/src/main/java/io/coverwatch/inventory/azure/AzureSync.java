package io.coverwatch.inventory.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.WorkspaceSetting;
import io.coverwatch.inventory.azure.AzureDiscovery.VisibleSubscription;
import io.coverwatch.inventory.resource.ResourceInventory;
import io.coverwatch.inventory.resource.ResourceInventory.Report;
import io.coverwatch.inventory.resource.StoredResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Full sync of the Azure estate: on schedule (when enabled) and on demand. One Resource Graph query per table pages
 * through all target subscriptions; when one fails (for example 403 because the identity lacks access to one
 * subscription), the subscriptions are read one by one, so the failing one is reported as such and the others go on.
 *
 * <p>Full syncs and targeted refreshes ({@link AzureRefresh}) run on one thread, one after the other, so an older full
 * read never overwrites a newer refresh of the same resource.
 */
@ApplicationScoped
public class AzureSync {

    /** Sightings recorded in one transaction; the subscription's own comes first, so it is never after its resources. */
    static final int SIGHTINGS_PER_TRANSACTION = 500;

    /** The origin of every sighting this sync records. */
    public static final String ORIGIN = "azure-rm";

    static final String MISSING_PERMISSIONS = "missing-permissions";
    static final String NOT_VISIBLE = "not-visible";
    static final String FAILED = "failed";

    private static final Logger LOG = Logger.getLogger(AzureSync.class);

    private final AzureConfig config;
    private final AzureDiscovery discovery;
    private final ResourceInventory inventory;
    private final SyncStatusStore statusStore;
    private final DefenderPosture defenderPosture;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "azure-sync");
        thread.setDaemon(true);
        return thread;
    });

    /** Reads the next subscriptions of a full sync while the sync thread records the last. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "azure-sync-read");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicReference<LastRun> lastRun = new AtomicReference<>(new LastRun(null, null, null));

    /** When the last full sync started and finished, and why it failed (null when it did not). */
    private record LastRun(Instant started, Instant finished, String error) {}

    AzureSync(
            AzureConfig config,
            AzureDiscovery discovery,
            ResourceInventory inventory,
            SyncStatusStore statusStore,
            DefenderPosture defenderPosture,
            Clock clock) {
        this.config = config;
        this.discovery = discovery;
        this.inventory = inventory;
        this.statusStore = statusStore;
        this.defenderPosture = defenderPosture;
        this.clock = clock;
    }

    /** The run-level state; per-subscription state is in {@link SyncStatusStore}. */
    public record RunState(
            boolean enabled, boolean running, Instant lastStarted, Instant lastFinished, String lastError) {}

    public RunState state() {
        LastRun run = lastRun.get();
        return new RunState(config.enabled(), running.get(), run.started(), run.finished(), run.error());
    }

    public boolean enabled() {
        return config.enabled();
    }

    @Scheduled(
            identity = "azure-full-sync",
            every = "${coverwatch.inventory.azure.full-sync-interval:15m}",
            delayed = "${coverwatch.inventory.azure.first-sync-delay:10s}",
            skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        trigger();
    }

    /**
     * Starts a full sync in the background unless one is running.
     *
     * @return true when a new sync started, false when one was already running
     */
    public boolean trigger() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    fullSync();
                } finally {
                    running.set(false);
                }
            });
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        return true;
    }

    /** Runs a task on the sync thread after a delay, after any full sync that is running. */
    void schedule(Runnable task, Duration delay) {
        executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this subscription is read: it is configured, or no subscriptions are configured (all are read). */
    boolean reads(String subscriptionId) {
        List<String> configured = config.subscriptions().orElse(List.of());
        return configured.isEmpty() || configured.stream().anyMatch(id -> id.equalsIgnoreCase(subscriptionId));
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        reader.shutdownNow();
    }

    /** Runs one full sync on the calling thread. */
    void fullSync() {
        Instant started = clock.instant();
        lastRun.updateAndGet(previous -> new LastRun(started, previous.finished(), previous.error()));
        String error = null;
        try {
            List<VisibleSubscription> targets = targets(discovery.visibleSubscriptions(), started);
            // A few subscriptions read and recorded at a time: read all at once, a tenant of 100,000 resources held
            // 700 MB of rows before the first was recorded, and inventory ran out of its heap (./bench/run onboard).
            // The next few are read while these are recorded: one after the other, Resource Graph's paging and the
            // recording added up (the onboard bench's last page came at 115 s of 121); at most two reads are held.
            List<List<VisibleSubscription>> batches = Batches.of(targets, config.subscriptionsPerRead());
            CompletableFuture<Read> next = batches.isEmpty() ? null : readAhead(batches.get(0), started);
            try {
                for (int i = 0; i < batches.size(); i++) {
                    Read read = awaited(next);
                    next = i + 1 < batches.size() ? readAhead(batches.get(i + 1), started) : null;
                    for (VisibleSubscription subscription : batches.get(i)) {
                        String key = key(subscription.subscriptionId());
                        SubscriptionRows found = read.rows().get(key);
                        if (found != null) {
                            record(subscription, found, read.workspaces().get(key), started);
                        }
                    }
                }
            } finally {
                if (next != null) {
                    next.cancel(false); // a sync that failed does not wait for, or use, a read begun for it
                }
            }
        } catch (RuntimeException e) {
            error = describe(e);
            LOG.warnf("Azure full sync failed: %s", error);
        } finally {
            lastRun.set(new LastRun(started, clock.instant(), error));
        }
    }

    /** A few subscriptions' rows, by lower-cased ID, and their workspace settings. */
    private record Read(Map<String, SubscriptionRows> rows, Map<String, WorkspaceSetting> workspaces) {}

    private CompletableFuture<Read> readAhead(List<VisibleSubscription> batch, Instant started) {
        return CompletableFuture.supplyAsync(
                () -> {
                    Map<String, SubscriptionRows> rows = read(batch, started);
                    return new Read(rows, discovery.workspaces(List.copyOf(rows.keySet())));
                },
                reader);
    }

    /** The read's result, or what it failed with, as the sync thread would have. */
    private static Read awaited(CompletableFuture<Read> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The configured subscriptions (each configured one the identity cannot see is failed), else all visible. */
    private List<VisibleSubscription> targets(List<VisibleSubscription> visible, Instant at) {
        List<String> configured = config.subscriptions().orElse(List.of());
        if (configured.isEmpty()) {
            return visible;
        }
        Map<String, VisibleSubscription> byId = new HashMap<>();
        visible.forEach(subscription -> byId.put(key(subscription.subscriptionId()), subscription));
        List<VisibleSubscription> targets = new ArrayList<>();
        for (String subscriptionId : configured) {
            VisibleSubscription subscription = byId.get(key(subscriptionId));
            if (subscription != null) {
                targets.add(subscription);
            } else {
                statusStore.failed(
                        subscriptionId,
                        null,
                        at,
                        NOT_VISIBLE,
                        "Missing permissions: the identity cannot see subscription " + subscriptionId
                                + " (grant it Reader and Security Reader there)");
            }
        }
        return targets;
    }

    /** What Resource Graph holds for one subscription, table by table. */
    private record SubscriptionRows(
            List<JsonNode> resources,
            List<JsonNode> associations,
            List<JsonNode> security,
            List<JsonNode> policy,
            List<JsonNode> policyStates,
            List<JsonNode> defender) {

        SubscriptionRows() {
            this(
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>());
        }
    }

    /** The subscriptions in one paged query per table; on failure, one subscription at a time. */
    private Map<String, SubscriptionRows> read(List<VisibleSubscription> batch, Instant at) {
        Map<String, SubscriptionRows> result = new LinkedHashMap<>();
        List<String> ids =
                batch.stream().map(VisibleSubscription::subscriptionId).toList();
        try {
            result.putAll(query(ids));
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                fail(batch.get(0), at, batchFailure);
                return result;
            }
            LOG.infof(
                    "Resource Graph query over %d subscriptions failed (%s); reading them one by one",
                    batch.size(), describe(batchFailure));
            for (VisibleSubscription subscription : batch) {
                List<String> one = List.of(subscription.subscriptionId());
                try {
                    result.putAll(query(one));
                } catch (RuntimeException e) {
                    fail(subscription, at, e);
                }
            }
        }
        return result;
    }

    private void fail(VisibleSubscription subscription, Instant at, RuntimeException e) {
        boolean forbidden = status(e) == 403;
        String error = forbidden
                ? "Missing permissions: reading subscription " + subscription.subscriptionId() + " was refused ("
                        + describe(e) + "); grant the identity Reader and Security Reader there"
                : describe(e);
        LOG.warnf("Azure sync of subscription %s failed: %s", subscription.subscriptionId(), error);
        statusStore.failed(
                subscription.subscriptionId(),
                subscription.displayName(),
                at,
                forbidden ? MISSING_PERMISSIONS : FAILED,
                error);
    }

    /** Every Resource Graph table for these subscriptions, split by subscription. */
    private Map<String, SubscriptionRows> query(List<String> subscriptionIds) {
        Map<String, SubscriptionRows> result = new LinkedHashMap<>();
        subscriptionIds.forEach(id -> result.put(key(id), new SubscriptionRows()));
        split(result, discovery.resources(subscriptionIds), SubscriptionRows::resources);
        split(result, discovery.associations(subscriptionIds), SubscriptionRows::associations);
        split(result, discovery.securityResources(subscriptionIds), SubscriptionRows::security);
        split(result, discovery.policyAssignments(subscriptionIds), SubscriptionRows::policy);
        split(result, discovery.denyPolicyStates(subscriptionIds), SubscriptionRows::policyStates);
        split(result, discovery.defenderAssessmentsAndScores(subscriptionIds), SubscriptionRows::defender);
        return result;
    }

    private static void split(
            Map<String, SubscriptionRows> bySubscription,
            List<JsonNode> rows,
            Function<SubscriptionRows, List<JsonNode>> table) {
        for (JsonNode row : rows) {
            Optional.ofNullable(bySubscription.get(key(rowSubscription(row))))
                    .ifPresent(found -> table.apply(found).add(row));
        }
    }

    /**
     * A subscription as a resource, with its Defender settings.
     *
     * @param workspace Defender's workspace; null when it could not be read
     */
    AzureResource subscriptionResource(
            VisibleSubscription subscription,
            List<JsonNode> securityRows,
            List<JsonNode> policyRows,
            WorkspaceSetting workspace) {
        boolean production = AzureMapping.productionByTag(subscription.tags())
                || config.productionSubscriptions().orElse(List.of()).stream()
                        .anyMatch(id -> id.equalsIgnoreCase(subscription.subscriptionId()));
        return AzureMapping.subscription(
                subscription.subscriptionId(),
                subscription.displayName(),
                subscription.tags(),
                production,
                securityRows,
                policyRows,
                workspace);
    }

    private void record(
            VisibleSubscription subscription, SubscriptionRows rows, WorkspaceSetting workspace, Instant at) {
        try {
            List<Report> reports = new ArrayList<>();
            reports.add(
                    new Report(subscriptionResource(subscription, rows.security(), rows.policy(), workspace), null));
            AzureMapping.resources(rows.resources(), rows.associations(), rows.policyStates())
                    .forEach(mapped -> reports.add(
                            new Report(mapped.resource(), mapped.row().toString())));
            // Pieces of a transaction each: a transaction per resource took inventory six minutes to store a tenant's
            // 100,000 (./bench/run onboard); one per subscription would hold its locks for as long as it is big.
            for (List<Report> piece : Batches.of(reports, SIGHTINGS_PER_TRANSACTION)) {
                inventory.recordAll(piece, ORIGIN, (sighting, stored) -> sighting);
            }
            defenderPosture.publish(subscription.subscriptionId(), rows.defender(), at);
            sweep(subscription.subscriptionId(), at);
            statusStore.succeeded(subscription.subscriptionId(), subscription.displayName(), at, reports.size());
        } catch (RuntimeException e) {
            fail(subscription, at, e);
        }
    }

    /**
     * Forgets what this sync no longer found in a subscription it read completely: resources Resource Manager
     * reported before (origin azure-rm) and not seen since the sync started. Sightings from other origins are left
     * alone.
     */
    private void sweep(String subscriptionId, Instant syncStarted) {
        List<String> vanished = QuarkusTransaction.requiringNew().call(() -> StoredResource.<StoredResource>find(
                        "lower(subscriptionId) = lower(?1) and origin = ?2 and lastSeen < ?3",
                        subscriptionId,
                        ORIGIN,
                        syncStarted)
                .stream()
                .map(stored -> stored.resourceId)
                .toList());
        for (String resourceId : vanished) {
            inventory.remove(resourceId, ORIGIN);
        }
        if (!vanished.isEmpty()) {
            LOG.infof("Azure sync: %d resources are gone from subscription %s", vanished.size(), subscriptionId);
        }
    }

    static String rowSubscription(JsonNode row) {
        String subscriptionId = AzureMapping.text(row, "subscriptionId");
        return subscriptionId != null
                ? subscriptionId
                : AzureMapping.idSegment(AzureMapping.text(row, "id"), "subscriptions");
    }

    static String key(String subscriptionId) {
        return subscriptionId == null ? "" : subscriptionId.toLowerCase(Locale.ROOT);
    }

    private static int status(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http && http.getResponse() != null) {
                return http.getResponse().getStatusCode();
            }
        }
        return -1;
    }

    /** A one-line explanation: HTTP status and Azure error code and message when there are any. */
    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ManagementException management && management.getValue() != null) {
                return "HTTP " + management.getResponse().getStatusCode() + " "
                        + management.getValue().getCode() + ": "
                        + management.getValue().getMessage();
            }
            if (cause instanceof HttpResponseException http && http.getResponse() != null) {
                return "HTTP " + http.getResponse().getStatusCode() + ": " + http.getMessage();
            }
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Skips the scheduled sync while Azure is disabled. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final AzureConfig config;

        Disabled(AzureConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
