package io.coverwatch.evaluation.verdict;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.evaluation.EvaluationConfig;
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
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A burst of machines falling due together (a network outage silences their agents at once) is swept piece by piece:
 * while one machine's evaluation cannot go on, the machines of every other piece are evaluated and committed, and the
 * held machine stays due until its own piece commits. One transaction for the whole burst would hold back every
 * machine behind the slowest.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class SilenceBurstTest {

    private static final String SUBSCRIPTION_ID = "88888888-8888-8888-8888-888888888888";
    private static final String SUBSCRIPTION = "/subscriptions/" + SUBSCRIPTION_ID;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    EstateChanges estate;

    @Inject
    EvaluationConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void aBurstIsCommittedPieceByPiece() throws Exception {
        // The held machine falls due a moment after the rest, so a later piece claims it.
        outageWithOneMachineHeld("late", Duration.ZERO, Duration.ofMillis(100));
    }

    /**
     * The held machine falls due first, so the sweep's own first piece claims it and waits on it. The helpers start as
     * soon as that claim comes back full: the rest of the burst is committed while it waits. (They used to start only
     * once the first piece had committed, so one slow machine there held back the whole outage.)
     */
    @Test
    void aMachineHeldInTheFirstPieceHoldsBackOnlyThatPiece() throws Exception {
        // Due seconds ago, so the first claim already finds all of them due by how far the stream has been heard.
        outageWithOneMachineHeld("first", Duration.ofSeconds(-5), Duration.ofSeconds(-6));
    }

    /**
     * The sweep writes each machine of a burst once: its agents' state and its next look in one row version. Written
     * apart they made two, each with an entry in the indexes that read them, and a round trip more per piece.
     */
    @Test
    void theSweepRewritesEachMachineOfABurstOnce() throws Exception {
        List<String> keys = knownMachines("once", config.heartbeat().sweepBatchSize() + 1);
        try (Connection connection = dataSource.getConnection()) {
            // Every new version of the burst's rows, with the transaction that wrote it.
            connection
                    .createStatement()
                    .execute("create table if not exists burst_row_version (resource_key text, written_by bigint);"
                            + " create or replace function burst_row_written() returns trigger language plpgsql as"
                            + " $$ begin insert into burst_row_version values (new.resource_key, txid_current());"
                            + " return null; end $$;"
                            + " drop trigger if exists burst_row_written on agent_heartbeat;"
                            + " create trigger burst_row_written after update on agent_heartbeat for each row"
                            + " when (new.resource_key like '%/once-outage-%') execute function burst_row_written()");
            try {
                long outage;
                connection.setAutoCommit(false);
                // Healthy when last looked at, due now: the sweep finds their agents' state changed, as in an outage.
                try (PreparedStatement outageFalls = connection.prepareStatement("update agent_heartbeat"
                        + " set due_at = now(), health = 'HEALTHY' where resource_key = any(?)")) {
                    outageFalls.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
                    outageFalls.execute();
                    outage = single(connection, "select txid_current()");
                    connection.commit();
                } finally {
                    connection.setAutoCommit(true);
                }

                await().atMost(TIMEOUT)
                        .untilAsserted(
                                () -> assertEquals(keys.size(), swept(keys).size()));
                assertEquals(
                        0,
                        single(
                                connection,
                                "select count(*) from agent_heartbeat where health = 'HEALTHY'"
                                        + " and resource_key like '%/once-outage-%'"),
                        "every machine's new state is stored");
                try (PreparedStatement versions = connection.prepareStatement("select resource_key, count(*)"
                        + " from burst_row_version where written_by <> ? group by resource_key")) {
                    versions.setLong(1, outage);
                    try (ResultSet rows = versions.executeQuery()) {
                        int machines = 0;
                        while (rows.next()) {
                            assertEquals(1, rows.getLong(2), rows.getString(1) + " rewritten by the sweep");
                            machines++;
                        }
                        assertEquals(keys.size(), machines);
                    }
                }
            } finally {
                connection
                        .createStatement()
                        .execute("drop trigger if exists burst_row_written on agent_heartbeat;"
                                + " drop table if exists burst_row_version");
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Three pieces and one machine of an outage fall due together, {@code restDueAt} from now, one of them at {@code
     * heldDueAt} while its evaluation lock is held: every piece but the held machine's is committed, and the held machine
     * stays due until its own piece commits once the lock is let go.
     */
    private void outageWithOneMachineHeld(String outage, Duration restDueAt, Duration heldDueAt) throws Exception {
        int piece = config.heartbeat().sweepBatchSize();
        List<String> keys = knownMachines(outage, 3 * piece + 1);
        String held = keys.get(keys.size() / 2);
        try (Connection holder = dataSource.getConnection()) {
            // The held machine's evaluation lock, as a slow evaluation of it would hold it.
            call(holder, "select pg_advisory_lock(hashtextextended(?, 0))", held);
            try {
                // The outage: every machine falls due at once, in one statement (the sweep claims the earliest first).
                try (PreparedStatement outageFalls = holder.prepareStatement("update agent_heartbeat"
                        + " set due_at = now() + case when resource_key = ? then ?::interval else ?::interval end"
                        + " where resource_key = any(?)")) {
                    outageFalls.setString(1, held);
                    outageFalls.setString(2, heldDueAt.toMillis() + " milliseconds");
                    outageFalls.setString(3, restDueAt.toMillis() + " milliseconds");
                    outageFalls.setArray(4, holder.createArrayOf("varchar", keys.toArray()));
                    outageFalls.execute();
                }

                await().atMost(TIMEOUT)
                        .untilAsserted(() -> assertTrue(
                                swept(keys).size() >= keys.size() - piece,
                                "every piece but the held machine's is committed: "
                                        + swept(keys).size()));
                assertFalse(swept(keys).contains(held), "the held machine stays due until its piece commits");
            } finally {
                call(holder, "select pg_advisory_unlock(hashtextextended(?, 0))", held);
            }
        }
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertEquals(keys.size(), swept(keys).size()));
    }

    /**
     * Makes {@code count} machines of the outage {@code outage} known, in the test's subscription; their keys. Known
     * from a while hence, so the clock does not make them due before the test does.
     */
    private List<String> knownMachines(String outage, int count) {
        List<String> keys = IntStream.range(0, count)
                .mapToObj(i ->
                        AzureResource.normalizeId(vm(outage + "-outage-" + i).id()))
                .toList();
        Instant known = Instant.now().plus(Duration.ofMinutes(10));
        List<Observed> changes = new ArrayList<>();
        changes.add(new Observed(new ResourceUpserted(subscription(), "hash"), known));
        keys.forEach(key -> changes.add(
                new Observed(new ResourceUpserted(vm(key.substring(key.lastIndexOf('/') + 1)), "hash"), known)));
        QuarkusTransaction.requiringNew().run(() -> estate.apply(changes, known));
        return keys;
    }

    /** The machines the sweep has evaluated and committed: each is next due when it is known for a threshold. */
    private List<String> swept(List<String> keys) throws SQLException {
        List<String> swept = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select resource_key from agent_heartbeat"
                        + " where resource_key = any(?) and (due_at is null or due_at > now())")) {
            statement.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    swept.add(rows.getString(1));
                }
            }
        }
        return swept;
    }

    private static void call(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(
                    1,
                    parameter instanceof List<?> list
                            ? connection.createArrayOf("varchar", list.toArray())
                            : parameter);
            statement.execute();
        }
    }

    private static AzureResource subscription() {
        return new AzureResource(
                SUBSCRIPTION,
                AzureResource.SUBSCRIPTION_TYPE,
                "outage-subscription",
                SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "outage-subscription",
                        List.of(new DefenderPlan(DefenderPlan.SERVERS, PricingTier.STANDARD, null)),
                        false));
    }

    private static AzureResource vm(String name) {
        return new AzureResource(
                SUBSCRIPTION + "/resourceGroups/outage-rg/providers/Microsoft.Compute/virtualMachines/" + name,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                name,
                SUBSCRIPTION_ID,
                "outage-rg",
                "westeurope",
                Map.of(),
                new VirtualMachineDetails("Linux", "PowerState/running", List.of()));
    }
}
