package io.coverwatch.evaluation.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * When the staleness sweep must look at a machine after a heartbeat: at once whenever the heartbeat may change the
 * machine's state, otherwise when the heartbeat would cross the threshold (the sweep moves a scheduled crossing on to
 * the newest heartbeat's when it comes); that a routine heartbeat touches no index; and the agents table's order. Times are in
 * 2099, so the service's own sweep, which claims by the real clock, never takes these machines (the agents table's
 * machines, heard in 1900, are taken off the sweep instead).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AgentHeartbeatStoreTest {

    private static final Instant T = Instant.parse("2099-01-01T00:00:00Z");
    private static final Duration THRESHOLD = Duration.ofMinutes(3);

    @Inject
    AgentHeartbeatStore heartbeats;

    @Inject
    DataSource dataSource;

    @Test
    void aHealthyMachineIsNextDueWhenItsLatestHeartbeatWouldCrossTheThreshold() {
        String key = machine();
        record(key, T, null, T);
        swept(key, T.plus(THRESHOLD));
        record(key, T.plusSeconds(60), null, T.plusSeconds(60));

        assertFalse(dueAt(T.plus(THRESHOLD).plusSeconds(1)).contains(key));
        assertTrue(dueAt(T.plusSeconds(60).plus(THRESHOLD)).contains(key));
    }

    /**
     * A heartbeat less than a quarter of a threshold before its machine's scheduled crossing moves the crossing on
     * itself, so machines heard at the cadence never leave their crossings for the sweep to move all at once.
     */
    @Test
    void aHeartbeatCloseToItsMachinesCrossingMovesItOn() {
        String key = machine();
        record(key, T, null, T);
        swept(key, T.plus(THRESHOLD));
        Instant close = T.plus(THRESHOLD.multipliedBy(3).dividedBy(4)).plusSeconds(1);
        record(key, close, null, close);

        assertFalse(claimedAt(T.plus(THRESHOLD).plusSeconds(1)).contains(key), "moved with no sweep's help");
        assertTrue(claimedAt(close.plus(THRESHOLD)).contains(key));
    }

    /**
     * Machines heard together have their crossings together (a first sync, a restart), and each move costs an entry in
     * every index: each machine's window is its own, between a quarter and a half of the threshold, so a heartbeat
     * three eighths of a threshold before the cohort's crossing moves some of them and not the others, and the moves
     * spread instead of the whole cohort's heartbeats moving in the same minute. None moves further from it than half,
     * all of them closer than a quarter.
     */
    @Test
    void theMachinesOfACohortMoveTheirCrossingsAtDifferentHeartbeats() {
        List<String> cohort = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            cohort.add(machine());
        }
        List<LatestHeartbeat> heard = cohort.stream()
                .map(key -> new LatestHeartbeat(key, key, "vm", "GB", T, null))
                .toList();
        QuarkusTransaction.requiringNew().run(() -> heartbeats.record(heard, THRESHOLD, T));
        Map<String, AgentHeartbeatStore.Swept> crossings = new HashMap<>();
        cohort.forEach(
                key -> crossings.put(key, new AgentHeartbeatStore.Swept(T.plus(THRESHOLD), AgentHealth.HEALTHY)));
        QuarkusTransaction.requiringNew().run(() -> heartbeats.swept(crossings));

        assertEquals(0, movedAfter(cohort, THRESHOLD.dividedBy(2).minusSeconds(1)), "none further than half");
        long moved = movedAfter(cohort, THRESHOLD.multipliedBy(5).dividedBy(8));
        assertTrue(moved > 40 && moved < 160, moved + " of 200 moved three eighths before the crossing: some, not all");
        assertEquals(
                200, movedAfter(cohort, THRESHOLD.multipliedBy(3).dividedBy(4).plusSeconds(1)), "all within a quarter");
    }

    /** Every machine of the cohort heartbeats {@code after} its last crossing was set; how many crossings moved. */
    private long movedAfter(List<String> cohort, Duration after) {
        Instant at = T.plus(after);
        List<LatestHeartbeat> heard = cohort.stream()
                .map(key -> new LatestHeartbeat(key, key, "vm", "GB", at, null))
                .toList();
        QuarkusTransaction.requiringNew().run(() -> heartbeats.record(heard, THRESHOLD, at));
        List<String> stillDue = claimedAt(T.plus(THRESHOLD));
        return cohort.stream().filter(key -> !stillDue.contains(key)).count();
    }

    /**
     * A heartbeat that changes nothing the sweep acts on rewrites its row in place, touching no index (a HOT update):
     * the database's cost per heartbeat was its four index entries (docs/benchmarks.md, throughput).
     */
    @Test
    void aRoutineHeartbeatTouchesNoIndex() {
        String key = machine();
        record(key, T, null, T);
        swept(key, T.plus(THRESHOLD));

        // The backend's counts not yet reported to the statistics, read before and after in one transaction.
        long[] updated = QuarkusTransaction.requiringNew().call(() -> {
            long[] before = updatesCounted();
            heartbeats.record(
                    List.of(new LatestHeartbeat(key, key, "vm", "GB", T.plusSeconds(60), null)),
                    THRESHOLD,
                    T.plusSeconds(60));
            long[] after = updatesCounted();
            return new long[] {after[0] - before[0], after[1] - before[1]};
        });

        assertEquals(1, updated[0], "one row updated");
        assertEquals(1, updated[1], "and in place, with no index entry");
    }

    /**
     * The reschedule reads only what it could move, also while a first sync grows the table faster than autovacuum
     * analyzes it: 20,000 machines are sighted, never heard, after the reschedule has run a dozen times on the table as
     * it was, as the sweep runs it every 250 ms. A plan the server kept from then read every row each time, and the
     * index of every due machine read each sighted machine once it was due (docs/benchmarks.md, onboard). Half the
     * machines here are due, half not yet.
     */
    @Test
    void theRescheduleReadsNeitherTheWholeTableNorTheMachinesNeverHeard() throws SQLException {
        Instant now = Instant.parse("2000-01-01T00:00:00Z");
        long[] read;
        QuarkusTransaction.begin();
        try {
            for (int run = 0; run < 12; run++) {
                heartbeats.reschedule(now, THRESHOLD, 100);
            }
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into agent_heartbeat (resource_key, resource_id, due_at)"
                        + " select 'sighted-' || i, 'sighted-' || i,"
                        + " timestamptz '2000-01-01 00:00:00+00' + (i - 10000) * interval '1 second'"
                        + " from generate_series(1, 20000) as i");
            }
            long[] before = tableAndDueIndexScans();
            heartbeats.reschedule(now, THRESHOLD, 100);
            long[] after = tableAndDueIndexScans();
            read = new long[] {after[0] - before[0], after[1] - before[1]};
        } finally {
            QuarkusTransaction.rollback();
        }
        assertEquals(0, read[0], "sequential scans of agent_heartbeat by one reschedule");
        assertEquals(0, read[1], "rows read through agent_heartbeat_due_idx by one reschedule");
    }

    /**
     * Only an AMA heard since moves a crossing on: a machine heard through its legacy agent alone may be due for
     * something else (an installed AMA that never reported), so the sweep looks at it.
     */
    @Test
    void aMachineHeardOnlyThroughItsLegacyAgentIsLookedAtWhenItsCrossingComes() {
        String key = machine();
        record(key, null, T, T);
        swept(key, T.plus(THRESHOLD));
        record(key, null, T.plusSeconds(60), T.plusSeconds(60));

        assertTrue(dueAt(T.plus(THRESHOLD)).contains(key));
    }

    @Test
    void anAmaHeardAgainAfterASilenceIsDueAtOnceEvenWhileItsLegacyAgentIsWatched() {
        String key = machine();
        record(key, T, T, T);
        swept(key, T.plus(THRESHOLD));
        // The legacy agent goes on; the AMA falls silent and the sweep watches the legacy agent's next crossing.
        record(key, null, T.plusSeconds(120), T.plusSeconds(120));
        swept(key, T.plusSeconds(120).plus(THRESHOLD));

        Instant resumed = T.plusSeconds(240);
        record(key, resumed, null, resumed);

        assertTrue(dueAt(resumed).contains(key), "the AMA-down finding must resolve now, not a threshold later");
    }

    @Test
    void theFirstAmaHeartbeatOfAMachineAwaitingItIsDueAtOnce() {
        String key = machine();
        QuarkusTransaction.requiringNew().run(() -> heartbeats.watch(Map.of(key, key), T.plus(THRESHOLD)));

        Instant first = T.plusSeconds(30);
        record(key, first, null, first);

        assertTrue(dueAt(first).contains(key), "awaiting its first heartbeat, then healthy: a change of state");
    }

    @Test
    void aLookThatIsStillPendingIsNotPutOffByTheNextHeartbeat() {
        String key = machine();
        QuarkusTransaction.requiringNew().run(() -> heartbeats.watch(Map.of(key, key), T.plus(THRESHOLD)));
        Instant first = T.plusSeconds(30);
        record(key, first, null, first);
        // A second heartbeat arrives before any sweep looked at the first: the change of state is still to be seen.
        Instant second = first.plusSeconds(1);
        record(key, second, null, second);

        assertTrue(dueAt(first).contains(key), "the look the first heartbeat asked for must not move a threshold on");
    }

    @Test
    void aHeartbeatIsDueAtItsOwnTimeWhenItArrivesLate() {
        String key = machine();
        QuarkusTransaction.requiringNew().run(() -> heartbeats.watch(Map.of(key, key), T.plus(THRESHOLD)));
        // Sent at T + 30 s, recorded a minute later (a backlog): the sweep may look as soon as the stream is heard past
        // the heartbeat, not only once it is heard up to when it was recorded.
        Instant sent = T.plusSeconds(30);
        record(key, sent, null, sent.plusSeconds(60));

        assertTrue(dueAt(sent).contains(key));
    }

    /**
     * The agents table of the whole estate merges each state's machines into one longest-silent order, page after
     * page, and a state's filter reads that state's machines alone. Heard in 1900, these machines come before every
     * other test's.
     */
    @Test
    void theAgentsTableMergesEveryStateIntoOneLongestSilentOrder() {
        Instant heard = Instant.parse("1900-01-01T00:00:00Z");
        List<AgentHealth> states = Arrays.asList(
                AgentHealth.HEALTHY,
                AgentHealth.AMA_DOWN,
                null,
                AgentHealth.POWERED_OFF,
                AgentHealth.HEALTHY,
                AgentHealth.LEGACY_AGENT);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String key = machine();
            AgentHealth health = states.get(i);
            record(key, heard.plusSeconds(i), null, heard.plusSeconds(i));
            swept(key, null);
            if (health != null) {
                QuarkusTransaction.requiringNew().run(() -> heartbeats.settleHealth(Map.of(key, health)));
            }
            keys.add(key);
        }

        assertEquals(keys.subList(0, 2), keysOf(heartbeats.page(null, null, null, 0, 2)));
        assertEquals(keys.subList(2, 4), keysOf(heartbeats.page(null, null, null, 1, 2)));
        assertEquals(keys.subList(4, 6), keysOf(heartbeats.page(null, null, null, 2, 2)));
        assertEquals(List.of(keys.get(0), keys.get(4)), keysOf(heartbeats.page(null, null, AgentHealth.HEALTHY, 0, 2)));
        assertEquals(List.of(keys.get(3)), keysOf(heartbeats.page(null, null, AgentHealth.POWERED_OFF, 0, 1)));
    }

    /** The rows of agent_heartbeat this connection updated, and those of them updated in place (HOT). */
    private long[] updatesCounted() throws SQLException {
        return counted(
                "pg_stat_get_xact_tuples_updated('agent_heartbeat'::regclass)",
                "pg_stat_get_xact_tuples_hot_updated('agent_heartbeat'::regclass)");
    }

    /** Sequential scans of agent_heartbeat, and rows read through the index of every due machine. */
    private long[] tableAndDueIndexScans() throws SQLException {
        return counted(
                "pg_stat_get_xact_numscans('agent_heartbeat'::regclass)",
                "pg_stat_get_xact_tuples_returned('agent_heartbeat_due_idx'::regclass)");
    }

    /** Two of this transaction's statistics, not yet reported to the collector. */
    private long[] counted(String first, String second) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("select " + first + ", " + second)) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    private static List<String> keysOf(List<AgentHeartbeatStore.AgentRow> rows) {
        return rows.stream().map(AgentHeartbeatStore.AgentRow::resourceKey).toList();
    }

    private void record(String key, Instant ama, Instant legacy, Instant now) {
        QuarkusTransaction.requiringNew()
                .run(() -> heartbeats.record(
                        List.of(new LatestHeartbeat(key, key, "vm", "GB", ama, legacy)), THRESHOLD, now));
    }

    private void swept(String key, Instant nextDueAt) {
        QuarkusTransaction.requiringNew()
                .run(() -> heartbeats.swept(Map.of(key, new AgentHeartbeatStore.Swept(nextDueAt, null))));
    }

    /** The machines a sweep at {@code now} would claim, after moving those heard since their crossing, as it does. */
    private List<String> dueAt(Instant now) {
        QuarkusTransaction.requiringNew().call(() -> heartbeats.reschedule(now, THRESHOLD, 100_000));
        return claimedAt(now);
    }

    /** The machines due at {@code now} as they are stored, before any sweep moves them. */
    private List<String> claimedAt(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> heartbeats.claimDue(now, 100_000));
    }

    private static String machine() {
        return "/subscriptions/5c5c5c5c-0000-4000-8000-000000000001/resourcegroups/due-rg/providers"
                + "/microsoft.compute/virtualmachines/vm-" + UUID.randomUUID();
    }
}
