package io.coverwatch.inventory.resource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The resource table as {@link ResourceInventory} records sightings: locks, reads and writes of a whole batch, one
 * statement each, whatever the batch's size. Rows are read into and written from {@link StoredResource}s that the
 * persistence context does not manage, so no flush or dirty check runs per resource.
 */
@ApplicationScoped
class ResourceRows {

    private static final String COLUMNS = "resource_key, resource_id, resource_type, subscription_id, name, state,"
            + " raw_payload, content_hash, origin, last_changed, last_seen";

    private static final String WRITE = "insert into resource as r (" + COLUMNS + ")"
            + " select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::jsonb[], ?::text[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[])"
            + " on conflict (resource_key) do update set resource_id = excluded.resource_id,"
            + " resource_type = excluded.resource_type, subscription_id = excluded.subscription_id,"
            + " name = excluded.name, state = excluded.state, raw_payload = excluded.raw_payload,"
            + " content_hash = excluded.content_hash, origin = excluded.origin, last_changed = excluded.last_changed,"
            + " last_seen = excluded.last_seen";

    /**
     * Rows per write: a few hundred keeps each array the driver encodes (a resource's state is about a kilobyte) below
     * half a G1 region of the 256 MB heap, where it would become a humongous allocation.
     */
    private static final int ROWS_PER_WRITE = 250;

    private final DataSource dataSource;

    ResourceRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the writers' lock of each resource for the rest of the transaction, in the order given: one statement, which
     * calls the lock function row by row as it scans the array, so in the array's order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void lock(List<String> keys) {
        execute(
                "select pg_advisory_xact_lock(hashtextextended(resource_key, 0))"
                        + " from unnest(?::varchar[]) as k(resource_key)",
                keys,
                statement -> statement.executeQuery().close());
    }

    /** The stored rows of these resources, by key; a resource inventory does not know has none. */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<String, StoredResource> find(Collection<String> keys) {
        Map<String, StoredResource> found = new HashMap<>();
        execute("select " + COLUMNS + " from resource where resource_key = any(?)", keys, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    StoredResource stored = new StoredResource();
                    stored.key = rows.getString(1);
                    stored.resourceId = rows.getString(2);
                    stored.type = rows.getString(3);
                    stored.subscriptionId = rows.getString(4);
                    stored.name = rows.getString(5);
                    stored.state = rows.getString(6);
                    stored.rawPayload = rows.getString(7);
                    stored.contentHash = rows.getString(8);
                    stored.origin = rows.getString(9);
                    stored.lastChanged =
                            rows.getObject(10, OffsetDateTime.class).toInstant();
                    stored.lastSeen = rows.getObject(11, OffsetDateTime.class).toInstant();
                    found.put(stored.key, stored);
                }
            }
        });
        return found;
    }

    /** Inserts the new rows and overwrites the known ones, every column. */
    @Transactional(Transactional.TxType.MANDATORY)
    void write(List<StoredResource> rows) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(WRITE)) {
            for (int first = 0; first < rows.size(); first += ROWS_PER_WRITE) {
                List<StoredResource> part = rows.subList(first, Math.min(rows.size(), first + ROWS_PER_WRITE));
                int size = part.size();
                String[][] columns = new String[11][size];
                for (int i = 0; i < size; i++) {
                    StoredResource row = part.get(i);
                    columns[0][i] = row.key;
                    columns[1][i] = row.resourceId;
                    columns[2][i] = row.type;
                    columns[3][i] = row.subscriptionId;
                    columns[4][i] = row.name;
                    columns[5][i] = row.state;
                    columns[6][i] = row.rawPayload;
                    columns[7][i] = row.contentHash;
                    columns[8][i] = row.origin;
                    columns[9][i] = text(row.lastChanged);
                    columns[10][i] = text(row.lastSeen);
                }
                for (int column = 0; column < columns.length; column++) {
                    statement.setArray(column + 1, connection.createArrayOf("varchar", columns[column]));
                }
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + rows.size() + " resources", e);
        }
    }

    /** An instant as PostgreSQL reads a timestamptz: ISO 8601 with its zone, so no session time zone applies. */
    private static String text(Instant instant) {
        return instant.toString();
    }

    private void execute(String sql, Collection<String> keys, Work work) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read or lock " + keys.size() + " resources", e);
        }
    }

    private interface Work {
        void run(PreparedStatement statement) throws SQLException;
    }
}
