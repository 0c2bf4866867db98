package io.coverwatch.bench;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.localinfra.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Puts an {@link Estate} into the services' own tables with {@code COPY}, in the rows the services write themselves
 * (the contract's JSON as state, lower-cased keys), once their migrations have run. A million resources through the
 * resources topic would take evaluation-service most of an hour at one transaction per change; the benchmarks measure
 * what happens once the estate is known, so they start from a known estate.
 */
final class EstateSeed {

    private static final int ROWS_PER_COPY = 20_000;

    private final PostgresServer postgres;

    EstateSeed(PostgresServer postgres) {
        this.postgres = postgres;
    }

    /**
     * What evaluation-service holds for a known estate: every subscription, rule and machine, a fresh Azure Monitor
     * Agent heartbeat per machine, watched again when it would cross {@code threshold}, and each machine healthy as its
     * last evaluation found it.
     *
     * @param silent the machines whose last heartbeat is an hour old instead: the staleness sweep finds them at once
     * @return the time of the seeded heartbeats: when the machines were written, so none is overdue before its time
     */
    Instant evaluation(Estate estate, Duration threshold, IntPredicate silent) throws Exception {
        Instant knownSince = Instant.now().minus(Duration.ofHours(1));
        String resourceColumns = "copy evaluation.evaluated_resource (resource_key, resource_id, resource_type,"
                + " subscription_id, state, observed_at, known_since, production_tagged) from stdin with (format csv)";
        try (Connection connection = connect()) {
            copy(
                    connection,
                    resourceColumns,
                    estate.subscriptions(),
                    i -> evaluatedRow(Estate.subscription(i), knownSince));
            copy(
                    connection,
                    resourceColumns,
                    estate.subscriptions(),
                    i -> evaluatedRow(Estate.dataCollectionRule(i), knownSince));
            copy(connection, resourceColumns, estate.machines(), i -> evaluatedRow(estate.machine(i), knownSince));
            Instant lastHeartbeat = Instant.now().truncatedTo(ChronoUnit.MICROS); // as timestamptz keeps it
            copy(
                    connection,
                    // The schedule was set from this heartbeat (scheduled_ama), as the sweep's evaluation would.
                    "copy evaluation.agent_heartbeat (resource_key, resource_id, computer, last_ama, scheduled_ama,"
                            + " due_at, health) from stdin with (format csv)",
                    estate.machines(),
                    i -> {
                        Instant last = silent.test(i) ? lastHeartbeat.minus(Duration.ofHours(1)) : lastHeartbeat;
                        return csv(
                                key(estate.machineId(i)),
                                estate.machineId(i),
                                Estate.computer(i),
                                last.toString(),
                                last.toString(),
                                last.plus(threshold).toString(),
                                // As the last evaluation found it; the sweep finds the silent ones.
                                "HEALTHY");
                    });
            analyze(connection, "evaluation.evaluated_resource", "evaluation.agent_heartbeat");
            return lastHeartbeat;
        }
    }

    /** What inventory-service holds for the same estate: every resource as last seen. */
    void inventory(Estate estate, Instant seen) throws Exception {
        String columns = "copy inventory.resource (resource_key, resource_id, resource_type, subscription_id, name,"
                + " state, content_hash, origin, last_changed, last_seen) from stdin with (format csv)";
        try (Connection connection = connect()) {
            copy(connection, columns, estate.subscriptions(), i -> inventoryRow(Estate.subscription(i), seen));
            copy(connection, columns, estate.subscriptions(), i -> inventoryRow(Estate.dataCollectionRule(i), seen));
            copy(connection, columns, estate.machines(), i -> inventoryRow(estate.machine(i), seen));
            analyze(connection, "inventory.resource");
        }
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    /** A row of evaluated_resource; the estate's machines are the ones tagged {@code env=prod}. */
    private static String evaluatedRow(AzureResource resource, Instant knownSince) {
        return csv(
                key(resource.id()),
                resource.id(),
                resource.type().toLowerCase(Locale.ROOT),
                resource.subscriptionId().toLowerCase(Locale.ROOT),
                ContractsJson.toJson(resource),
                knownSince.toString(),
                knownSince.toString(),
                Boolean.toString("prod".equals(resource.tags().get("env"))));
    }

    private static String inventoryRow(AzureResource resource, Instant seen) {
        byte[] state = ContractsJson.toBytes(resource);
        return csv(
                key(resource.id()),
                resource.id(),
                resource.type(),
                resource.subscriptionId(),
                resource.name(),
                new String(state, StandardCharsets.UTF_8),
                sha256(state),
                "bench",
                seen.toString(),
                seen.toString());
    }

    /** As inventory's content hash: SHA-256 of the contract's JSON, so a re-sighting of the same state is no change. */
    private static String sha256(byte[] state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(state));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Connection connection, String sql, int rows, IntFunction<String> row) throws Exception {
        PGConnection pg = connection.unwrap(PGConnection.class);
        for (int first = 0; first < rows; first += ROWS_PER_COPY) {
            StringBuilder chunk = new StringBuilder();
            for (int i = first; i < Math.min(rows, first + ROWS_PER_COPY); i++) {
                chunk.append(row.apply(i)).append('\n');
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            CopyIn copy = pg.getCopyAPI().copyIn(sql);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        }
    }

    private static void analyze(Connection connection, String... tables) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("vacuum analyze " + table);
            }
        }
    }

    private static String key(String resourceId) {
        return AzureResource.normalizeId(resourceId);
    }

    private static String csv(String... fields) {
        StringBuilder line = new StringBuilder();
        for (String field : fields) {
            if (line.length() > 0) {
                line.append(',');
            }
            line.append('"').append(field.replace("\"", "\"\"")).append('"');
        }
        return line.toString();
    }
}
