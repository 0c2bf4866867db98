package io.coverwatch.inventory.eventhubs;

import com.azure.messaging.eventhubs.CheckpointStore;
import com.azure.messaging.eventhubs.models.Checkpoint;
import com.azure.messaging.eventhubs.models.PartitionOwnership;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Event Hubs processor's partition ownership and checkpoints, in this service's PostgreSQL instead of an Azure
 * Storage account. Ownership is claimed optimistically, as the processor expects: a claim carrying the ETag it last
 * saw wins only if nobody claimed the partition since; a claim without an ETag wins only for an unowned partition.
 */
@ApplicationScoped
public class PostgresCheckpointStore implements CheckpointStore {

    private static final String KEY = "namespace = ? and event_hub = ? and consumer_group = ?";

    private final AgroalDataSource dataSource;

    PostgresCheckpointStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Flux<PartitionOwnership> listOwnership(String namespace, String eventHub, String consumerGroup) {
        return blocking(() -> query(
                        "select * from eventhub_ownership where " + KEY,
                        namespace,
                        eventHub,
                        consumerGroup,
                        PostgresCheckpointStore::ownership))
                .flatMapMany(Flux::fromIterable);
    }

    @Override
    public Flux<PartitionOwnership> claimOwnership(List<PartitionOwnership> requested) {
        return blocking(() -> {
                    List<PartitionOwnership> claimed = new ArrayList<>();
                    try (Connection connection = dataSource.getConnection()) {
                        for (PartitionOwnership claim : requested) {
                            if (claim(connection, claim)) {
                                claimed.add(claim);
                            }
                        }
                    }
                    return claimed;
                })
                .flatMapMany(Flux::fromIterable);
    }

    @Override
    public Flux<Checkpoint> listCheckpoints(String namespace, String eventHub, String consumerGroup) {
        return blocking(() -> query(
                        "select * from eventhub_checkpoint where " + KEY,
                        namespace,
                        eventHub,
                        consumerGroup,
                        PostgresCheckpointStore::checkpoint))
                .flatMapMany(Flux::fromIterable);
    }

    @Override
    public Mono<Void> updateCheckpoint(Checkpoint checkpoint) {
        return blocking(() -> {
                    try (Connection connection = dataSource.getConnection();
                            PreparedStatement upsert = connection.prepareStatement(
                                    "insert into eventhub_checkpoint values (?, ?, ?, ?, ?, ?)"
                                            + " on conflict (namespace, event_hub, consumer_group, partition_id)"
                                            + " do update set offset_string = excluded.offset_string,"
                                            + " sequence_number = excluded.sequence_number")) {
                        upsert.setString(1, checkpoint.getFullyQualifiedNamespace());
                        upsert.setString(2, checkpoint.getEventHubName());
                        upsert.setString(3, checkpoint.getConsumerGroup());
                        upsert.setString(4, checkpoint.getPartitionId());
                        upsert.setString(5, checkpoint.getOffsetString());
                        upsert.setObject(6, checkpoint.getSequenceNumber());
                        upsert.executeUpdate();
                    }
                    return Boolean.TRUE;
                })
                .then();
    }

    /** Writes the claim with a fresh ETag and time; false when another owner got there first. */
    private static boolean claim(Connection connection, PartitionOwnership claim) throws SQLException {
        String etag = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        String sql = claim.getETag() == null
                ? "insert into eventhub_ownership values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing"
                : "update eventhub_ownership set owner_id = ?, last_modified = ?, etag = ? where " + KEY
                        + " and partition_id = ? and etag = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (claim.getETag() == null) {
                statement.setString(1, claim.getFullyQualifiedNamespace());
                statement.setString(2, claim.getEventHubName());
                statement.setString(3, claim.getConsumerGroup());
                statement.setString(4, claim.getPartitionId());
                statement.setString(5, claim.getOwnerId());
                statement.setLong(6, now);
                statement.setString(7, etag);
            } else {
                statement.setString(1, claim.getOwnerId());
                statement.setLong(2, now);
                statement.setString(3, etag);
                statement.setString(4, claim.getFullyQualifiedNamespace());
                statement.setString(5, claim.getEventHubName());
                statement.setString(6, claim.getConsumerGroup());
                statement.setString(7, claim.getPartitionId());
                statement.setString(8, claim.getETag());
            }
            if (statement.executeUpdate() != 1) {
                return false;
            }
        }
        claim.setETag(etag).setLastModifiedTime(now);
        return true;
    }

    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String sql, String namespace, String eventHub, String consumerGroup, Row<T> mapper)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, namespace);
            statement.setString(2, eventHub);
            statement.setString(3, consumerGroup);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.read(result));
                }
            }
            return rows;
        }
    }

    private static PartitionOwnership ownership(ResultSet row) throws SQLException {
        return new PartitionOwnership()
                .setFullyQualifiedNamespace(row.getString("namespace"))
                .setEventHubName(row.getString("event_hub"))
                .setConsumerGroup(row.getString("consumer_group"))
                .setPartitionId(row.getString("partition_id"))
                .setOwnerId(row.getString("owner_id"))
                .setLastModifiedTime(row.getLong("last_modified"))
                .setETag(row.getString("etag"));
    }

    private static Checkpoint checkpoint(ResultSet row) throws SQLException {
        return new Checkpoint()
                .setFullyQualifiedNamespace(row.getString("namespace"))
                .setEventHubName(row.getString("event_hub"))
                .setConsumerGroup(row.getString("consumer_group"))
                .setPartitionId(row.getString("partition_id"))
                .setOffsetString(row.getString("offset_string"))
                .setSequenceNumber(row.getObject("sequence_number", Long.class));
    }

    /** JDBC blocks: run it off the caller's (often event-loop) thread. */
    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
