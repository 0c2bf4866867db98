package io.coverwatch.evaluation.heartbeat;

import io.coverwatch.evaluation.rules.AgentActivity;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The last heartbeat per machine and agent, when the staleness sweep must look at each machine next ({@code due_at}),
 * and the state of its agents as its last evaluation found it ({@code health}). Heartbeat writes are set-based (one
 * statement per batch) because heartbeats arrive by the hundred thousand; they never touch the state. Most of them
 * change no indexed value either (V22): the schedule and the agents list's order read a copy of the last heartbeats
 * ({@code scheduled_ama}, {@code scheduled_legacy}) that moves only when the machine's schedule does, so a routine
 * heartbeat is rewritten in its own page with no index entry.
 *
 * <p>A transaction that evaluates machines takes their rows before their evaluation locks ({@link #lockRows}), as the
 * sweep does when it claims them: one order, so an evaluation and a sweep never wait for each other in a circle.
 *
 * <p>Only the sweep evaluates heartbeat-driven changes: a heartbeat of a machine that is not being watched (found
 * silent, offline, or not known yet) sets {@code due_at} to now, and the sweep picks it up within one interval. So a
 * crash between the write and the evaluation loses nothing, and the heartbeat path never waits on evaluation locks.
 */
@ApplicationScoped
public class AgentHeartbeatStore {

    /**
     * Whether a heartbeat changes what the sweep must do with its machine, so its schedule ({@code due_at}) and the
     * copy of its last heartbeats the indexes read ({@code scheduled_ama}, {@code scheduled_legacy}) move with it: the
     * machine is not watched (found silent, offline, or not known yet), or an agent reports for the first time or after
     * a silence longer than the earliest threshold. Any other heartbeat changes only columns no index reads, a HOT
     * update (V22). Placeholders: the earliest threshold and now, twice (the legacy agent's, then the AMA's).
     */
    private static final String MOVES_STATE =
            """
            (h.due_at is null
             or (excluded.last_legacy is not null and coalesce(h.last_legacy, '-infinity') + ?::interval <= ?::timestamptz)
             or (excluded.last_ama is not null and coalesce(h.last_ama, '-infinity') + ?::interval <= ?::timestamptz))""";

    /**
     * Whether a routine AMA heartbeat moves its machine's scheduled crossing on to its own, because the crossing is
     * within the machine's window after it: an agent heard at least once a window then never lets its crossing come,
     * and its machines move in the heartbeat path a few at a time rather than all in the sweep when their crossings
     * come together (a million machines heard at once, or a restart). Only a crossing (due after the scheduled
     * heartbeat), never a look a heartbeat asked for, and only for a machine with no legacy agent heard.
     *
     * <p>The window is the machine's own, between a quarter and a half of the earliest threshold by a hash of its key.
     * A move is a new row version with an entry in every index, several times the cost of a routine heartbeat, and
     * machines heard together (a first sync, a restart, the detection bench's seed) have their crossings together: with
     * one window for all they moved together, the whole estate's heartbeats in the same minute every second minute at
     * the bench's three-minute threshold, and the heartbeat path fell seconds behind in those minutes (docs/benchmarks.md,
     * detection, runs 11–16). Windows of different lengths give the machines different periods, so their moves spread.
     * Placeholder: a quarter of the earliest threshold.
     */
    private static final String MOVES_CROSSING =
            """
            (excluded.last_ama is not null and h.last_legacy is null and excluded.last_legacy is null
             and h.due_at > h.scheduled_ama
             and h.due_at <= excluded.last_ama
                             + ?::interval * (1 + (hashtext(h.resource_key) & 65535) / 65536.0::float8))""";

    private static final String RECORD =
            """
            insert into agent_heartbeat as h (resource_key, resource_id, computer, country, last_ama, last_legacy,
                                              scheduled_ama, scheduled_legacy, due_at)
            select key, id, computer, country, ama, legacy, ama, legacy,
                   case when legacy is not null then least(?::timestamptz, legacy) else ama + ?::interval end
            from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[])
                 as t(key, id, computer, country, ama, legacy)
            on conflict (resource_key) do update set
                resource_id = excluded.resource_id,
                computer = coalesce(excluded.computer, h.computer),
                country = coalesce(excluded.country, h.country),
                last_ama = greatest(h.last_ama, excluded.last_ama),
                last_legacy = greatest(h.last_legacy, excluded.last_legacy),
                scheduled_ama = case when %1$s or %2$s then greatest(h.last_ama, excluded.last_ama)
                                else h.scheduled_ama end,
                scheduled_legacy = case when %1$s then greatest(h.last_legacy, excluded.last_legacy)
                                   else h.scheduled_legacy end,
                due_at = case
                    when h.due_at is null then least(?::timestamptz, greatest(excluded.last_ama, excluded.last_legacy))
                    when excluded.last_legacy is not null
                         and coalesce(h.last_legacy, '-infinity') + ?::interval <= ?::timestamptz
                         then least(?::timestamptz, excluded.last_legacy)
                    when excluded.last_ama is not null
                         and coalesce(h.last_ama, '-infinity') + ?::interval <= ?::timestamptz
                         then least(?::timestamptz, excluded.last_ama)
                    when %2$s then greatest(h.last_ama, excluded.last_ama) + ?::interval
                    else h.due_at end
            returning resource_key, due_at, last_ama, last_legacy
            """
                    .formatted(MOVES_STATE, MOVES_CROSSING);

    /**
     * Moves the schedule of machines whose scheduled crossing has come while newer heartbeats were heard since it was
     * set, and none of whose agents is crossing now: their next look is their newest heartbeat's crossing of the
     * earliest threshold. Only an AMA heard since counts (a machine heard only through its legacy agent is looked at),
     * and only a crossing (a due time after the scheduled heartbeats), never a look a heartbeat asked for (due at or
     * before its own time). Rows another transaction holds are skipped, so this never waits. Only machines with a
     * schedule can be moved, and their own index (V23) leaves out the machines never heard, which a first sync makes due
     * by the tens of thousands. Placeholders: the earliest threshold twice, the instant heard up to, the threshold
     * twice, the instant heard up to, the limit.
     */
    private static final String RESCHEDULE =
            """
            update agent_heartbeat as h
            set scheduled_ama = h.last_ama, scheduled_legacy = h.last_legacy,
                due_at = least(h.last_ama + ?::interval, h.last_legacy + ?::interval)
            from (select resource_key from agent_heartbeat
                  where due_at <= ?::timestamptz
                    and scheduled_ama is not null
                    and last_ama > scheduled_ama
                    and due_at > greatest(scheduled_ama, scheduled_legacy)
                    and least(last_ama + ?::interval, last_legacy + ?::interval) > ?::timestamptz
                  order by due_at limit ? for update skip locked) as heard_since
            where h.resource_key = heard_since.resource_key
            """;

    /**
     * Rows per statement: a thousand keeps each array the driver encodes well under half a G1 region (512 KB in a
     * 256 MB heap). Whole batches of 5,000 made arrays of about 800 KB, each a humongous allocation, and those started
     * a concurrent collection cycle several times a second.
     */
    private static final int ROWS_PER_STATEMENT = 1_000;

    private final DataSource dataSource;

    AgentHeartbeatStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the newest heartbeats of a batch. A machine becomes due at its heartbeat's time (or now, if that is later
     * than now) when its state may change with this heartbeat: it was not being watched, or this agent reports for the
     * first time or after a silence longer than {@code earliestThreshold} (it may have been found silent, awaiting its
     * first heartbeat, or without an agent). The sweep claims machines due by the time the heartbeat stream has been
     * heard up to ({@link HeartbeatStream}), so a machine resuming during a backlog is looked at as soon as the stream
     * has been heard past its heartbeat, not once the whole backlog is read. An AMA heartbeat within its machine's window
     * (a quarter to a half of the threshold) before the scheduled crossing moves the crossing on to its own ({@code
     * MOVES_CROSSING}). Any
     * other heartbeat leaves the schedule as it is, a look still pending included (a second heartbeat arriving before
     * the sweep looked at the first must not put the change of state off), and stores only its time: when a scheduled
     * crossing comes while newer heartbeats were heard, {@link #reschedule} moves it to the newest heartbeat's.
     *
     * @return what each machine's row holds after the write, by key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Stored> record(Collection<LatestHeartbeat> heartbeats, Duration earliestThreshold, Instant now) {
        Map<String, Stored> stored = new HashMap<>();
        if (heartbeats.isEmpty()) {
            return stored;
        }
        // Sorted, so concurrent batches lock the rows they share in one order.
        List<LatestHeartbeat> sorted = heartbeats.stream()
                .sorted((a, b) -> a.resourceKey().compareTo(b.resourceKey()))
                .toList();
        String interval = earliestThreshold.toMillis() + " milliseconds";
        String quarterInterval = earliestThreshold.toMillis() / 4 + " milliseconds";
        Timestamp dueNow = Timestamp.from(now);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RECORD)) {
            for (int first = 0; first < sorted.size(); first += ROWS_PER_STATEMENT) {
                List<LatestHeartbeat> rows = sorted.subList(first, Math.min(sorted.size(), first + ROWS_PER_STATEMENT));
                int size = rows.size();
                String[] keys = new String[size];
                String[] ids = new String[size];
                String[] computers = new String[size];
                String[] countries = new String[size];
                Timestamp[] ama = new Timestamp[size];
                Timestamp[] legacy = new Timestamp[size];
                for (int i = 0; i < size; i++) {
                    LatestHeartbeat heartbeat = rows.get(i);
                    keys[i] = heartbeat.resourceKey();
                    ids[i] = heartbeat.resourceId();
                    computers[i] = heartbeat.computer();
                    countries[i] = heartbeat.country();
                    ama[i] = timestamp(heartbeat.lastAzureMonitorAgent());
                    legacy[i] = timestamp(heartbeat.lastLegacyAgent());
                }
                statement.setTimestamp(1, dueNow);
                statement.setString(2, interval);
                statement.setArray(3, connection.createArrayOf("varchar", keys));
                statement.setArray(4, connection.createArrayOf("varchar", ids));
                statement.setArray(5, connection.createArrayOf("varchar", computers));
                statement.setArray(6, connection.createArrayOf("varchar", countries));
                statement.setArray(7, connection.createArrayOf("timestamptz", ama));
                statement.setArray(8, connection.createArrayOf("timestamptz", legacy));
                int next = 9;
                // The scheduled AMA heartbeat: whether the heartbeat moves the state (the legacy agent's silence and
                // then the AMA's: the earliest threshold, now), or the crossing (a quarter of the threshold).
                for (int agent = 0; agent < 2; agent++) {
                    statement.setString(next++, interval);
                    statement.setTimestamp(next++, dueNow);
                }
                statement.setString(next++, quarterInterval);
                // The scheduled legacy heartbeat: whether the heartbeat moves the state.
                for (int agent = 0; agent < 2; agent++) {
                    statement.setString(next++, interval);
                    statement.setTimestamp(next++, dueNow);
                }
                // The schedule: due now while not watched; the legacy agent's and then the AMA's silence (the earliest
                // threshold, now, due now); the crossing moved on (a quarter of the threshold, the threshold).
                statement.setTimestamp(next++, dueNow);
                for (int agent = 0; agent < 2; agent++) {
                    statement.setString(next++, interval);
                    statement.setTimestamp(next++, dueNow);
                    statement.setTimestamp(next++, dueNow);
                }
                statement.setString(next++, quarterInterval);
                statement.setString(next, interval);
                try (ResultSet written = statement.executeQuery()) {
                    while (written.next()) {
                        stored.put(
                                written.getString(1),
                                new Stored(
                                        instant(written.getTimestamp(2)),
                                        instant(written.getTimestamp(3)),
                                        instant(written.getTimestamp(4))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + heartbeats.size() + " heartbeats", e);
        }
        return stored;
    }

    /**
     * What a machine's row holds once a heartbeat write committed: what {@link HeartbeatIntake} needs to tell whether
     * the machine's next heartbeat could change its schedule.
     *
     * @param dueAt      when the sweep looks at the machine next; null while it is not watched
     * @param lastAma    its last Azure Monitor Agent heartbeat; null when none was heard
     * @param lastLegacy its last legacy agent heartbeat; null when none was heard
     */
    public record Stored(Instant dueAt, Instant lastAma, Instant lastLegacy) {}

    /**
     * Moves the schedule of up to {@code limit} machines whose scheduled crossing has come by {@code heardUpTo} while
     * newer AMA heartbeats were heard, none of them crossing {@code earliestThreshold} at that instant, to their newest
     * heartbeat's crossing (see {@code RESCHEDULE}). What is left due by {@code heardUpTo} is what the sweep must
     * evaluate: a crossing nothing newer was heard after, or a look a heartbeat or a sighting asked for.
     *
     * @return how many machines were moved; {@code limit} means more may be waiting
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reschedule(Instant heardUpTo, Duration earliestThreshold, int limit) {
        String interval = earliestThreshold.toMillis() + " milliseconds";
        Timestamp heard = Timestamp.from(heardUpTo);
        try (Connection connection = dataSource.getConnection();
                Statement planner = connection.createStatement();
                PreparedStatement statement = connection.prepareStatement(RESCHEDULE)) {
            // Never a sequential scan, whatever the statistics say. A first sync grows this table by a hundred thousand
            // machines in a minute, faster than autovacuum analyzes it, and the plan made in its first seconds (the
            // driver prepares a statement on the server after a few runs, and the server may keep one plan for it) read
            // the whole table every 250 ms to move nothing (docs/benchmarks.md, onboard). The statement's own index
            // (V23) holds only the machines it can move, so reading it costs next to nothing however many are known.
            planner.execute("set local enable_seqscan = off");
            statement.setString(1, interval);
            statement.setString(2, interval);
            statement.setTimestamp(3, heard);
            statement.setString(4, interval);
            statement.setString(5, interval);
            statement.setTimestamp(6, heard);
            statement.setInt(7, limit);
            int moved = statement.executeUpdate();
            planner.execute("set local enable_seqscan to default");
            return moved;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move the schedule of machines heard since", e);
        }
    }

    /**
     * Makes sure the sweep looks at these machines by {@code dueAt}: one with no heartbeat yet is then found silent
     * once it has been known for the earliest threshold. A machine already watched keeps its own due time. Call it
     * before taking the machines' evaluation locks: it may wait for a sweep that holds a row.
     *
     * @param resourceIds the machines' ARM IDs, by key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void watch(Map<String, String> resourceIds, Instant dueAt) {
        if (resourceIds.isEmpty()) {
            return;
        }
        // In key order, as lockRows takes the rows.
        Map<String, String> sorted = new TreeMap<>(resourceIds);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "insert into agent_heartbeat as h (resource_key, resource_id, due_at)"
                                + " select key, id, ? from unnest(?::varchar[], ?::varchar[]) as t(key, id)"
                                + " on conflict (resource_key) do update set due_at = excluded.due_at"
                                + " where h.due_at is null")) {
            statement.setTimestamp(1, Timestamp.from(dueAt));
            statement.setArray(
                    2, connection.createArrayOf("varchar", sorted.keySet().toArray()));
            statement.setArray(
                    3, connection.createArrayOf("varchar", sorted.values().toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not watch " + resourceIds.size() + " machines", e);
        }
    }

    /**
     * Records the state of machines' agents that their evaluation found. Call it holding the machines' rows and their
     * evaluation locks: the state then always matches the findings settled in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settleHealth(Map<String, AgentHealth> health) {
        if (health.isEmpty()) {
            return;
        }
        Map<String, AgentHealth> sorted = new TreeMap<>(health);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("update agent_heartbeat as h"
                        + " set health = t.health from unnest(?::varchar[], ?::varchar[]) as t(key, health)"
                        + " where h.resource_key = t.key and h.health is distinct from t.health")) {
            statement.setArray(
                    1, connection.createArrayOf("varchar", sorted.keySet().toArray()));
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "varchar",
                            sorted.values().stream().map(AgentHealth::name).toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the agents' state of " + health.size() + " machines", e);
        }
    }

    /**
     * Locks the rows of these machines, those that have one, in key order, for the rest of the transaction: call it
     * before taking their evaluation locks.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockRows(Collection<String> resourceKeys) {
        if (resourceKeys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select resource_key from agent_heartbeat where resource_key = any(?)"
                                + " order by resource_key for update")) {
            statement.setArray(1, connection.createArrayOf("varchar", resourceKeys.toArray()));
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock the heartbeats of " + resourceKeys.size() + " machines", e);
        }
    }

    /** Forgets deleted machines. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Collection<String> resourceKeys) {
        if (resourceKeys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("delete from agent_heartbeat where resource_key = any(?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", resourceKeys.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget " + resourceKeys.size() + " machines", e);
        }
    }

    /**
     * Claims machines the sweep must look at now, locked for this transaction; {@code SKIP LOCKED} lets several
     * instances sweep at once without ever looking at the same machine together.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> claimDue(Instant now, int limit) {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select resource_key from agent_heartbeat where due_at <= ? order by due_at limit ?"
                                + " for update skip locked")) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim due machines", e);
        }
        return keys;
    }

    /**
     * What the sweep's evaluation of a machine leaves in its row.
     *
     * @param nextDueAt when to look at it next; null stops watching it until its next heartbeat (it was found silent or
     *                  offline)
     * @param health    the state of its agents as the evaluation found it; null when it was not evaluated (not known),
     *                  which keeps the state stored
     */
    public record Swept(Instant nextDueAt, AgentHealth health) {}

    /**
     * Records, per machine, when the sweep must look at it next, as of the last heartbeats its evaluation read (the claim
     * holds the rows, so no heartbeat was recorded meanwhile), and the state of its agents that evaluation found, in one
     * statement: one row version per swept machine. Writing the state and the schedule apart made two, each with an entry
     * in the indexes that read them, and cost the outage's pieces a round trip each (docs/benchmarks.md, detection).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void swept(Map<String, Swept> swept) {
        if (swept.isEmpty()) {
            return;
        }
        Map<String, Swept> sorted = new TreeMap<>(swept);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("update agent_heartbeat as h"
                        + " set due_at = t.due_at, scheduled_ama = h.last_ama, scheduled_legacy = h.last_legacy,"
                        + " health = coalesce(t.health, h.health)"
                        + " from unnest(?::varchar[], ?::timestamptz[], ?::varchar[]) as t(key, due_at, health)"
                        + " where h.resource_key = t.key")) {
            statement.setArray(
                    1, connection.createArrayOf("varchar", sorted.keySet().toArray()));
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "timestamptz",
                            sorted.values().stream()
                                    .map(Swept::nextDueAt)
                                    .map(AgentHeartbeatStore::timestamp)
                                    .toArray()));
            statement.setArray(
                    3,
                    connection.createArrayOf(
                            "varchar",
                            sorted.values().stream()
                                    .map(Swept::health)
                                    .map(health -> health == null ? null : health.name())
                                    .toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record when to look at " + swept.size() + " machines", e);
        }
    }

    /** The last heartbeats of these machines, by key; a machine that never sent one has none. */
    public Map<String, AgentActivity> find(Collection<String> resourceKeys) {
        Map<String, AgentActivity> found = new HashMap<>();
        if (resourceKeys.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select resource_key, last_ama, last_legacy,"
                        + " country from agent_heartbeat where resource_key = any(?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", resourceKeys.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(
                            rows.getString(1),
                            new AgentActivity(
                                    instant(rows.getTimestamp(2)), instant(rows.getTimestamp(3)), rows.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the heartbeats of " + resourceKeys.size() + " machines", e);
        }
        return found;
    }

    /** The agents table's columns, from the machines that have sent heartbeats; filters are added to it. */
    private static final String AGENTS =
            "select resource_key, resource_id, computer, country, last_ama, last_legacy, health,"
                    + " greatest(scheduled_ama, scheduled_legacy) as heard"
                    + " from agent_heartbeat where (scheduled_ama is not null or scheduled_legacy is not null)";

    /**
     * Longest silent first, by the heartbeats the machine's schedule was last set from (V22): exact for a machine that
     * is silent or changed state, up to the earliest threshold old for a healthy one.
     */
    private static final String IN_ORDER = " order by greatest(scheduled_ama, scheduled_legacy), resource_key";

    /**
     * A state written into the statement, not bound: a generic plan could not tell which range of
     * agent_heartbeat_health_silent_idx a bound state reads. It is an enum constant's name.
     */
    private static String inState(AgentHealth health) {
        return " and health = '" + health.name() + "'";
    }

    /**
     * One page of machines that have sent heartbeats, longest silent first (by the heartbeats their schedule was last
     * set from: see {@code IN_ORDER}); the last heartbeats shown are the newest.
     *
     * @param resourceKey    only this machine; null for all
     * @param subscriptionId only this subscription's machines (lower-case); null for all
     * @param health         only machines in this state; null for all
     */
    public List<AgentRow> page(String resourceKey, String subscriptionId, AgentHealth health, int page, int size) {
        List<AgentRow> agents = new ArrayList<>();
        // Each filter only when asked for, not "(? is null or resource_key = ?)": with that, the prepared statement's
        // generic plan reads every row (half a second at a million machines). The subscription is the key's third
        // segment, the leading column of agent_heartbeat_subscription_silent_idx, which also gives the order. The
        // whole estate's order is agent_heartbeat_health_silent_idx's (V21), one range per state: a state's page is
        // the first rows of its range, every state's page the first rows of each range merged.
        String machine = resourceKey == null ? "" : " and resource_key = ?";
        String subscription = subscriptionId == null ? "" : " and split_part(resource_key, '/', 3) = ?";
        long offset = (long) page * size;
        List<Object> parameters = new ArrayList<>();
        if (resourceKey != null) {
            parameters.add(resourceKey);
        }
        if (subscriptionId != null) {
            parameters.add(subscriptionId);
        }
        String sql;
        if (health != null || resourceKey != null || subscriptionId != null) {
            sql = AGENTS + machine + subscription + (health == null ? "" : inState(health)) + IN_ORDER
                    + " offset ? limit ?";
            parameters.add(offset);
            parameters.add(size);
        } else {
            // Each state's range read up to the page's end (one range per state and the machines not evaluated yet),
            // so every branch is a short index scan and the merge sorts a few hundred rows.
            List<String> states = Stream.concat(
                            Stream.of(AgentHealth.values()).map(AgentHeartbeatStore::inState),
                            Stream.of(" and health is null"))
                    .toList();
            sql = states.stream()
                            .map(state -> "(" + AGENTS + state + IN_ORDER + " limit ?)")
                            .collect(Collectors.joining(" union all ", "select * from (", ") as states"))
                    + " order by heard, resource_key offset ? limit ?";
            states.forEach(state -> parameters.add(offset + size));
            parameters.add(offset);
            parameters.add(size);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String stored = rows.getString(7);
                    agents.add(new AgentRow(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            new AgentActivity(
                                    instant(rows.getTimestamp(5)), instant(rows.getTimestamp(6)), rows.getString(4)),
                            stored == null ? null : AgentHealth.valueOf(stored)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list agents", e);
        }
        return agents;
    }

    /**
     * A machine's row in the agents table.
     *
     * @param health the state its last evaluation found; null while it was not evaluated (inventory has not reported
     *               it)
     */
    public record AgentRow(
            String resourceKey, String resourceId, String computer, AgentActivity activity, AgentHealth health) {}

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
