package io.coverwatch.evaluation.heartbeat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How far the heartbeat stream has been heard: the instant before which every heartbeat sent has been recorded, or is
 * held by an intake that writes it before its machine falls due by this instant ({@link HeartbeatIntake}). Agent
 * silence is judged at this instant, not at the clock's: when evaluation-service is behind (a burst, a restart, a
 * broker outage), a machine whose heartbeats are still queued is unheard, not silent, and reporting it silent would
 * send the SOC after a healthy machine — as the detection bench saw 862 times, 1.57 million heartbeats behind.
 *
 * <p>Each partition's reach is stored ({@code heartbeat_stream}) by the instance that holds it, and every evaluation
 * reads the earliest reach of all partitions in its own transaction, whichever instance reads them: a reach never
 * moves back, so two evaluations of a machine, here or on another instance, never judge it at an earlier instant than
 * the one before (a cached reach could, and a machine found silent would be found healthy again). A partition nobody
 * holds (its instance died, a rebalance is under way) stops advancing, and so does silence: nothing is reported that
 * was not heard.
 */
@ApplicationScoped
public class HeartbeatStream {

    private final DataSource dataSource;

    HeartbeatStream(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores how far this instance has heard the partitions it holds; a reach never moves back.
     *
     * @param reached the reach per partition number, only for partitions this instance holds and knows a reach for
     */
    @Transactional
    public void advance(Map<Integer, Instant> reached) {
        if (reached.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("insert into heartbeat_stream (stream_partition, heard_up_to)"
                                + " select * from unnest(?::integer[], ?::timestamptz[])"
                                + " on conflict (stream_partition) do update"
                                + " set heard_up_to = greatest(heartbeat_stream.heard_up_to, excluded.heard_up_to)")) {
            statement.setArray(
                    1, connection.createArrayOf("integer", reached.keySet().toArray()));
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "timestamptz",
                            reached.values().stream().map(Timestamp::from).toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store how far the heartbeat stream has been heard", e);
        }
    }

    /**
     * The instant agent silence is judged at: how far every heartbeat partition has been heard, never after
     * {@code now}. Before anything is known (the service just started) nothing counts as heard, so nothing is silent
     * until the stream has been read.
     */
    public Instant heardUpTo(Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select min(heard_up_to) from heartbeat_stream");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            Timestamp earliest = rows.getTimestamp(1);
            if (earliest == null) {
                return Instant.EPOCH;
            }
            Instant heard = earliest.toInstant();
            return heard.isAfter(now) ? now : heard;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read how far the heartbeat stream has been heard", e);
        }
    }
}
