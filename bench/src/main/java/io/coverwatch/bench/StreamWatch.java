package io.coverwatch.bench;

import io.coverwatch.localinfra.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples evaluation-service's database twice a second while detection runs: how far behind the clock the heartbeat
 * stream has been heard (silence is judged at that instant, so a finding waits at least this long after its
 * threshold), and how many of the machines' heartbeat rows were rewritten in place (HOT) rather than as a new version
 * with an entry in every index (a heartbeat that moves its machine's crossing). The two together say whether a phase
 * was slow because the heartbeat path fell behind, and why. Diagnostics only: the run's checks are elsewhere.
 */
final class StreamWatch implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final String SAMPLE = "select extract(epoch from clock_timestamp() - min(s.heard_up_to)) * 1000,"
            + " (select n_tup_upd from pg_stat_user_tables"
            + "  where schemaname = 'evaluation' and relname = 'agent_heartbeat'),"
            + " (select n_tup_hot_upd from pg_stat_user_tables"
            + "  where schemaname = 'evaluation' and relname = 'agent_heartbeat')"
            + " from evaluation.heartbeat_stream s";

    /** One sample: the stream's lag, and the table's update counters as PostgreSQL last flushed them. */
    private record Sample(double lagMillis, long updates, long hotUpdates) {}

    private final List<Sample> samples = new ArrayList<>();
    private final Connection connection;
    private final Thread sampler;
    private volatile boolean running = true;

    StreamWatch(PostgresServer postgres) throws SQLException {
        this.connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
        this.sampler = new Thread(this::sample, "stream-watch");
        sampler.start();
    }

    /** Where a phase starts: the samples taken after it count for that phase. */
    synchronized int mark() {
        return samples.size();
    }

    /**
     * Reports the phase since {@code from}: the stream's lag (p50, p99, max) under {@code lag}, and under {@code
     * hotShare} the share of the heartbeat rows' updates that were HOT.
     */
    synchronized void reportAs(Report report, String lag, String hotShare, int from) {
        List<Sample> phase = List.copyOf(samples.subList(from, samples.size()));
        Latencies.of(phase.stream()
                        .map(sample -> Duration.ofNanos(Math.round(sample.lagMillis() * 1e6)))
                        .toList())
                .reportAs(report, lag);
        if (phase.size() > 1) {
            Sample first = phase.get(0);
            Sample last = phase.get(phase.size() - 1);
            long updates = last.updates() - first.updates();
            report.put(
                    hotShare, updates == 0 ? Double.NaN : (last.hotUpdates() - first.hotUpdates()) / (double) updates);
        }
    }

    private void sample() {
        while (running) {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(SAMPLE)) {
                if (row.next() && row.getObject(1) != null) {
                    Sample sample = new Sample(row.getDouble(1), row.getLong(2), row.getLong(3));
                    synchronized (this) {
                        samples.add(sample);
                    }
                }
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                if (running) {
                    System.err.println("stream-watch: " + e.getMessage());
                }
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.interrupt();
        sampler.join();
        connection.close();
    }
}
