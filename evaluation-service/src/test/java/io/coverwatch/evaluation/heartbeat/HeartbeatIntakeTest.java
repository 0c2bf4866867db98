package io.coverwatch.evaluation.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A heartbeat that changes nothing the sweep or a verdict reads waits in memory, and is written before the stream is
 * counted as heard past its machine's due time, or once the stream is read to its end; its batch is acknowledged only
 * then. Every other heartbeat is written at once. Each test has an intake of its own, on a clock in 2099 (the test
 * profile's threshold is 3 s), so neither the service's own intake nor its sweep touches these machines.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class HeartbeatIntakeTest {

    private static final Instant T = Instant.parse("2099-01-01T00:00:00Z");

    @Inject
    AgentHeartbeatStore store;

    @Inject
    HeartbeatPolicy policy;

    @Inject
    EvaluationConfig config;

    @Inject
    DataSource dataSource;

    /**
     * prod-db-01 heartbeats every second; its row was written at T and falls due at T + 3 s. The heartbeat at T + 1 s
     * waits while the stream is heard up to T + 2 s, and is written, its batch acknowledged, before the stream is
     * heard up to its machine's due time: the sweep, which looks at it then, reads the newest heartbeat.
     */
    @Test
    void aRoutineHeartbeatWaitsUntilTheStreamIsHeardUpToItsMachinesDueTime() throws SQLException {
        HeartbeatIntake intake = intakeAt(T.plusSeconds(1));
        String machine = machine();
        record(intake, machine, T);

        HeartbeatIntake.Taken taken = intake.take(List.of(ama(machine, T.plusSeconds(1))));
        AtomicBoolean acknowledged = new AtomicBoolean();
        intake.acknowledgeWhenWritten(taken, () -> acknowledged.set(true));

        assertTrue(taken.held());
        assertTrue(taken.toWrite().isEmpty());
        intake.beforeHeardUpTo(T.plusSeconds(2), false);
        assertEquals(T, lastAma(machine), "held while its machine is not due");
        assertFalse(acknowledged.get(), "its batch waits for the write");

        intake.beforeHeardUpTo(T.plusSeconds(3), false);
        assertEquals(T.plusSeconds(1), lastAma(machine), "written before the stream is heard up to the due time");
        assertTrue(acknowledged.get());
    }

    /** Once the stream is heard up to a machine's due time, its heartbeats are written as they come. */
    @Test
    void aHeartbeatOfAMachineDueByTheStreamHeardIsWrittenAtOnce() throws SQLException {
        HeartbeatIntake intake = intakeAt(T.plusSeconds(1));
        String machine = machine();
        record(intake, machine, T);
        intake.beforeHeardUpTo(T.plusSeconds(3), false);

        HeartbeatIntake.Taken taken = intake.take(List.of(ama(machine, T.plusSeconds(2))));

        assertFalse(taken.held());
        assertEquals(1, taken.toWrite().size());
    }

    /** A quiet stream read to its end shows the newest heartbeats at once. */
    @Test
    void whatWaitsIsWrittenOnceTheStreamIsReadToItsEnd() throws SQLException {
        HeartbeatIntake intake = intakeAt(T.plusSeconds(1));
        String machine = machine();
        record(intake, machine, T);
        assertTrue(intake.take(List.of(ama(machine, T.plusSeconds(1)))).held());

        intake.beforeHeardUpTo(T.plusSeconds(1), true);

        assertEquals(T.plusSeconds(1), lastAma(machine));
    }

    /**
     * prod-db-01 comes back after a silence longer than the threshold: its heartbeat moves its state, so it is written
     * at once and the sweep sees the agent resume; so is the first heartbeat of a machine this instance has not written.
     */
    @Test
    void aHeartbeatAfterASilenceOrOfAMachineNotWrittenHereIsWrittenAtOnce() throws SQLException {
        HeartbeatIntake intake = intakeAt(T.plusSeconds(10));
        String machine = machine();

        HeartbeatIntake.Taken first = intake.take(List.of(ama(machine, T)));
        assertFalse(first.held(), "not written here before");
        intake.write(first.toWrite());
        HeartbeatIntake.Taken resumed = intake.take(List.of(ama(machine, T.plusSeconds(10))));

        assertFalse(resumed.held(), "heard again after 10 s, the threshold being 3 s");
        assertEquals(1, resumed.toWrite().size());
    }

    /** A held heartbeat goes with a newer one of the same machine that must be written, newest first. */
    @Test
    void aHeartbeatWrittenAtOnceTakesItsMachinesHeldOneWithIt() throws SQLException {
        HeartbeatIntake intake = intakeAt(T.plusSeconds(1));
        String machine = machine();
        String other = machine();
        record(intake, machine, T);
        record(intake, other, T);
        assertTrue(intake.take(List.of(ama(machine, T.plusSeconds(1)), ama(other, T.plusSeconds(1))))
                .held());
        HeartbeatIntake.Taken legacy = intake.take(List.of(new AgentHeartbeat(
                machine, "prod-db-01", AgentHeartbeat.LEGACY_DIRECT_AGENT, "Linux", "1.0", "10.0.0.4", T, "NL")));

        assertFalse(legacy.held(), "a legacy agent never heard: its state may change");
        LatestHeartbeat written = legacy.toWrite().iterator().next();
        assertEquals(T.plusSeconds(1), written.lastAzureMonitorAgent());
        assertEquals(T, written.lastLegacyAgent());
    }

    /**
     * prod-db-01 is renamed: the heartbeat under its old name waits, the next one (its legacy agent's first, which must
     * be written) carries the new name and takes the waiting one with it. The next flush writes nothing of it, so the
     * agents table keeps the new name.
     */
    @Test
    void aHeldHeartbeatWrittenWithANewerOneIsNotWrittenAgainByTheFlush() throws SQLException {
        HeartbeatIntake intake = intakeAt(T.plusSeconds(1));
        String machine = machine();
        record(intake, machine, T);
        assertTrue(intake.take(List.of(new AgentHeartbeat(
                        machine,
                        "prod-db-01",
                        AgentHeartbeat.AZURE_MONITOR_AGENT,
                        "Linux",
                        "1.0",
                        "10.0.0.4",
                        T.plusSeconds(1),
                        "NL")))
                .held());
        HeartbeatIntake.Taken renamed = intake.take(List.of(new AgentHeartbeat(
                machine,
                "prod-db-01-renamed",
                AgentHeartbeat.LEGACY_DIRECT_AGENT,
                "Linux",
                "1.0",
                "10.0.0.4",
                T.plusSeconds(2),
                "NL")));
        intake.write(renamed.toWrite());

        intake.beforeHeardUpTo(T.plusSeconds(1), true);

        assertEquals("prod-db-01-renamed", computer(machine));
    }

    private HeartbeatIntake intakeAt(Instant now) {
        return new HeartbeatIntake(store, policy, config, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void record(HeartbeatIntake intake, String machine, Instant time) {
        HeartbeatIntake.Taken taken = intake.take(List.of(ama(machine, time)));
        assertFalse(taken.held(), "a machine's first heartbeat is written");
        intake.write(taken.toWrite());
    }

    private static AgentHeartbeat ama(String machine, Instant time) {
        return new AgentHeartbeat(
                machine, "prod-db-01", AgentHeartbeat.AZURE_MONITOR_AGENT, "Linux", "1.0", "10.0.0.4", time, "NL");
    }

    private Instant lastAma(String machine) throws SQLException {
        return stored(machine, "last_ama", OffsetDateTime.class).toInstant();
    }

    private String computer(String machine) throws SQLException {
        return stored(machine, "computer", String.class);
    }

    /** One column of a machine's row. */
    private <T> T stored(String machine, String column, Class<T> type) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select " + column + " from agent_heartbeat where resource_key = ?")) {
            statement.setString(1, machine);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), machine + " has a row");
                return rows.getObject(1, type);
            }
        }
    }

    private static String machine() {
        return "/subscriptions/5c5c5c5c-0000-4000-8000-000000000001/resourcegroups/intake-rg/providers"
                + "/microsoft.compute/virtualmachines/prod-db-" + UUID.randomUUID();
    }
}
