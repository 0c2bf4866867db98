package io.coverwatch.evaluation.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceDetails;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore;
import io.coverwatch.evaluation.heartbeat.LatestHeartbeat;
import io.coverwatch.evaluation.messaging.ResourceEventHandler;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.verdict.EstateChanges.Observed;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A poll's resources are evaluated as one batch: what it costs the database does not grow with the poll, its verdicts
 * are those of evaluating one event at a time, and its evaluation locks are taken in key order.
 *
 * <p>Times are a day ahead of the clock, so the staleness sweep (which looks at machines due by the clock) leaves these
 * machines alone while the test compares them.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BatchEvaluationTest {

    private static final Instant T = Instant.now().plus(Duration.ofDays(1));

    @Inject
    ResourceEventHandler handler;

    @Inject
    EstateChanges estate;

    @Inject
    ResourceVerdicts verdicts;

    @Inject
    FindingLedger ledger;

    @Inject
    AgentHeartbeatStore heartbeats;

    @Inject
    DataSource dataSource;

    @Test
    void aPollCostsTheSameRoundTripsWhateverItsSize() {
        int small = roundTripsOfPolls("a1a1a1a1-0000-0000-0000-000000000020", 20);
        int large = roundTripsOfPolls("a1a1a1a1-0000-0000-0000-000000000200", 200);
        // Evaluating one resource at a time cost a dozen round trips per resource: 2,400 for these 200 machines. A few
        // are allowed for what the first polls of the test warm up.
        assertTrue(large <= small + 5, "200 machines took " + large + " round trips, 20 took " + small);
        assertTrue(large < 60, "200 machines took " + large + " round trips");
    }

    /**
     * The database round trips of two polls of {@code machines} machines of a new subscription, as the consumer hands
     * them over: their first sighting (onboarding) and a change of each (their AMA fails).
     */
    private int roundTripsOfPolls(String subscriptionId, int machines) {
        List<AzureResource> healthy = IntStream.range(0, machines)
                .mapToObj(i -> machineWith(subscriptionId, "vm-" + i, SeedEstate.amaWindows()))
                .toList();
        List<AzureResource> failed = IntStream.range(0, machines)
                .mapToObj(i ->
                        machineWith(subscriptionId, "vm-" + i, SeedEstate.failed(SeedEstate.amaWindows(), "it broke")))
                .toList();
        List<AzureResource> first = new ArrayList<>();
        first.add(SeedEstate.subscription(subscriptionId, SeedEstate.prodSubscriptionDetails()));
        first.addAll(healthy);
        int onboarding = roundTrips(() -> handler.handle(events(first)));
        int change = roundTrips(() -> handler.handle(events(failed)));
        assertEquals(
                machines,
                QuarkusTransaction.requiringNew()
                        .call(() -> failed.stream()
                                .filter(vm -> ledger.of(vm.id()).stream()
                                        .anyMatch(finding -> finding.status() == FindingStatus.OPEN
                                                && finding.diagnosisStep() == TroubleshootingStep.EXTENSION_STATUS))
                                .count())
                        .intValue(),
                "every machine's change was judged");
        return onboarding + change;
    }

    @Test
    void aBatchJudgesAsOneEventAtATime() {
        String batched = "b2b2b2b2-0000-0000-0000-0000000000b1";
        String single = "b2b2b2b2-0000-0000-0000-0000000000b2";
        for (String subscriptionId : List.of(batched, single)) {
            // Heartbeats before the resources, so the monitored machines are heard.
            QuarkusTransaction.requiringNew()
                    .run(() -> heartbeats.record(
                            List.of(heartbeat(subscriptionId, "monitored"), heartbeat(subscriptionId, "failed-ama")),
                            Duration.ofSeconds(3),
                            T));
        }
        applyInOnePoll(estate(batched), T);
        estate(single).forEach(change -> applyInOnePoll(List.of(change), T));
        assertSameVerdicts(batched, single);

        // The plan switched off and a machine's AMA failing, then another machine deleted: findings change and
        // resolve. The deletion comes in a poll of its own: in the same poll as the plan, the machine would be gone
        // before the plan's change was judged on it, which is what a poll means, not a difference of the batch.
        applyInOnePoll(changes(batched), T.plusSeconds(10));
        changes(single).forEach(change -> applyInOnePoll(List.of(change), T.plusSeconds(10)));
        applyInOnePoll(List.of(deletion(batched)), T.plusSeconds(20));
        applyInOnePoll(List.of(deletion(single)), T.plusSeconds(20));
        assertSameVerdicts(batched, single);
    }

    @Test
    void locksAreTakenInKeyOrder() throws Exception {
        String before = "/subscriptions/c3c3c3c3-0000-0000-0000-000000000000/a";
        String held = "/subscriptions/c3c3c3c3-0000-0000-0000-000000000000/b";
        String after = "/subscriptions/c3c3c3c3-0000-0000-0000-000000000000/c";
        try (Connection holder = dataSource.getConnection()) {
            call(holder, "select pg_advisory_lock(hashtextextended(?, 0))", held);
            CompletableFuture<Void> locking = CompletableFuture.runAsync(
                    () -> QuarkusTransaction.requiringNew().run(() -> verdicts.lock(List.of(after, held, before))));
            try {
                // Waiting for the held key: the one before it is taken, the one after it is not.
                Thread.sleep(500);
                assertFalse(locking.isDone(), "waits for the held key");
                assertFalse(tryLock(holder, before), "the key before the held one is taken");
                assertTrue(tryLock(holder, after), "the key after the held one is not");
                call(holder, "select pg_advisory_unlock(hashtextextended(?, 0))", after);
            } finally {
                call(holder, "select pg_advisory_unlock(hashtextextended(?, 0))", held);
            }
            locking.get(30, TimeUnit.SECONDS);
        }
    }

    /** The findings of both subscriptions' resources, and their machines' agents, compared by resource name. */
    private void assertSameVerdicts(String batched, String single) {
        Map<String, String> ofBatch = verdicts(batched);
        assertFalse(ofBatch.isEmpty());
        assertEquals(ofBatch, verdicts(single));
    }

    /** Per resource name (the subscription's own under its ID's place): its findings and its agents' state. */
    private Map<String, String> verdicts(String subscriptionId) {
        Map<String, String> verdicts = new TreeMap<>();
        for (AzureResource resource : estateResources(subscriptionId)) {
            String name = resource.id().replace(subscriptionId, "SUBSCRIPTION");
            List<String> findings = QuarkusTransaction.requiringNew().call(() -> ledger.of(resource.id())).stream()
                    .map(BatchEvaluationTest::verdict)
                    .sorted()
                    .toList();
            verdicts.put(name, findings + " health " + health(AzureResource.normalizeId(resource.id())));
        }
        return verdicts;
    }

    private static String verdict(Finding finding) {
        return finding.ruleId() + " " + finding.status() + " " + finding.severity() + " " + finding.diagnosisStep()
                + " " + (finding.exclusionReason() != null);
    }

    private String health(String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select health from agent_heartbeat where resource_key = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "none";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void applyInOnePoll(List<Observed> changes, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> estate.apply(changes, now));
    }

    /** The subscription, a data collection rule, machines in different states, and resources of other kinds. */
    private static List<Observed> estate(String subscriptionId) {
        return estateResources(subscriptionId).stream()
                .map(resource -> upserted(resource, T))
                .toList();
    }

    private static List<AzureResource> estateResources(String subscriptionId) {
        String rule = SeedEstate.dcr(subscriptionId, "dcr-common");
        return List.of(
                SeedEstate.subscription(subscriptionId, SeedEstate.prodSubscriptionDetails()),
                SeedEstate.resource(
                        subscriptionId,
                        "monitoring-rg",
                        "Microsoft.Insights/dataCollectionRules",
                        "dcr-common",
                        new DataCollectionRuleDetails(DataCollectionRuleDetails.COMMON, null),
                        null),
                machine(subscriptionId, "monitored", rule, SeedEstate.amaWindows(), SeedEstate.mdeWindows()),
                machine(subscriptionId, "failed-ama", rule, SeedEstate.amaWindows(), SeedEstate.mdeWindows()),
                machine(subscriptionId, "no-agents", null, SeedEstate.mdeWindows()),
                machine(subscriptionId, "deleted-later", null),
                SeedEstate.vm(
                        subscriptionId,
                        "prod-rg",
                        "deallocated",
                        new VirtualMachineDetails("Windows", "PowerState/deallocated", List.of())),
                SeedEstate.resource(
                        subscriptionId, "data-rg", "Microsoft.Sql/servers", "sql-01", new GenericDetails(), null),
                SeedEstate.resource(
                        subscriptionId,
                        "data-rg",
                        "Microsoft.Storage/storageAccounts",
                        "storage01",
                        new GenericDetails(),
                        null));
    }

    private static List<Observed> changes(String subscriptionId) {
        SubscriptionDetails details = SeedEstate.prodSubscriptionDetails();
        SubscriptionDetails serversOff = new SubscriptionDetails(
                details.displayName(),
                details.defenderPlans().stream()
                        .map(plan -> plan.name().equals("VirtualMachines")
                                ? SeedEstate.plan("VirtualMachines", false, null)
                                : plan)
                        .toList(),
                details.production(),
                details.autoProvisioning(),
                details.mcsbAssigned(),
                details.workspace());
        String rule = SeedEstate.dcr(subscriptionId, "dcr-common");
        Instant at = T.plusSeconds(10);
        return List.of(
                upserted(SeedEstate.subscription(subscriptionId, serversOff), at),
                upserted(
                        machine(
                                subscriptionId,
                                "failed-ama",
                                rule,
                                SeedEstate.failed(SeedEstate.amaWindows(), "provisioning failed"),
                                SeedEstate.mdeWindows()),
                        at));
    }

    private static Observed deletion(String subscriptionId) {
        AzureResource deleted = machine(subscriptionId, "deleted-later", null);
        return new Observed(
                new ResourceDeleted(deleted.id(), AzureResource.VIRTUAL_MACHINE_TYPE, subscriptionId),
                T.plusSeconds(20));
    }

    private static AzureResource machine(String subscriptionId, String name, String rule, VmExtension... extensions) {
        ResourceDetails details = SeedEstate.windowsVm(List.of(extensions), rule == null ? List.of() : List.of(rule));
        return SeedEstate.vm(subscriptionId, "prod-rg", name, details);
    }

    /** A machine with one extension and the subscription's data collection rule. */
    private static AzureResource machineWith(String subscriptionId, String name, VmExtension extension) {
        return machine(subscriptionId, name, SeedEstate.dcr(subscriptionId, "dcr-common"), extension);
    }

    private static LatestHeartbeat heartbeat(String subscriptionId, String name) {
        String id = SeedEstate.vm(subscriptionId, "prod-rg", name, new GenericDetails())
                .id();
        return new LatestHeartbeat(AzureResource.normalizeId(id), id, name, "UK", T.minusSeconds(1), null);
    }

    private static Observed upserted(AzureResource resource, Instant at) {
        return new Observed(new ResourceUpserted(resource, "hash"), at);
    }

    private static List<CloudEvent<CoverwatchEvent>> events(List<AzureResource> resources) {
        return resources.stream()
                .map(resource -> new CloudEvent<CoverwatchEvent>(
                        UUID.randomUUID().toString(), "test", T, new ResourceUpserted(resource, "hash")))
                .toList();
    }

    /**
     * The round trips to PostgreSQL that {@code work} makes on this thread, counted from the driver's protocol log: it
     * sends one Sync per round trip (a JDBC batch is one).
     */
    private static int roundTrips(Runnable work) {
        Logger protocol = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        Thread counted = Thread.currentThread();
        AtomicInteger syncs = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (Thread.currentThread() == counted && " FE=> Sync".equals(record.getMessage())) {
                    syncs.incrementAndGet();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level level = protocol.getLevel();
        boolean parents = protocol.getUseParentHandlers();
        protocol.setUseParentHandlers(false);
        protocol.addHandler(counter);
        protocol.setLevel(Level.FINEST);
        try {
            work.run();
        } finally {
            protocol.setLevel(level);
            protocol.removeHandler(counter);
            protocol.setUseParentHandlers(parents);
        }
        assertTrue(syncs.get() > 0, "the driver's protocol log was read");
        return syncs.get();
    }

    private static boolean tryLock(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static void call(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.execute();
        }
    }
}
