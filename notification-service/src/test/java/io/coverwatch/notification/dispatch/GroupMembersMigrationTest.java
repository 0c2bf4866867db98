package io.coverwatch.notification.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.SeedNotices;
import io.coverwatch.notification.routing.Timings;
import io.coverwatch.notification.routing.grouping.GroupKey;
import io.coverwatch.notification.routing.grouping.GroupState;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A group in flight when the service is upgraded keeps every notice and what its last message told: the migration that
 * moves a group's notices into rows of their own, run on a schema of its own from the version before it.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class GroupMembersMigrationTest {

    private static final String SCHEMA = "notification_upgrade";

    @Inject
    DataSource dataSource;

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void aGroupStoredWholeBeforeTheUpgradeKeepsItsNoticesAndWhatItsLastMessageTold() throws SQLException {
        RouteMatch route = new RouteMatch("/", "soc-slack", List.of("subscription"), Timings.DEFAULTS, true);
        Notice told = SeedNotices.devTest03AmaDown();
        Notice untold = SeedNotices.devTest03NotMonitored();
        Instant firstSeen = Instant.parse("2026-11-23T09:00:00Z");
        GroupKey key = GroupKey.of(route, told);
        GroupState stored = new GroupState(
                key,
                Map.of(told.identity(), told, untold.identity(), untold),
                firstSeen,
                firstSeen.plusSeconds(30),
                Set.of(told.identity()),
                1,
                GroupState.Others.NONE);
        flyway("7").migrate();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into " + SCHEMA
                        + ".notice_group (route_path, group_id, state, updated_at) values (?, ?, ?, now())")) {
            insert.setString(1, "/");
            insert.setString(2, key.id());
            insert.setString(3, ContractsJson.toJson(stored));
            insert.executeUpdate();
        }

        flyway("8").migrate();

        Map<String, Boolean> members = new TreeMap<>();
        GroupState header;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "select notice_identity, told_firing, notice from " + SCHEMA + ".notice_group_member")) {
                while (rows.next()) {
                    members.put(rows.getString(1), rows.getBoolean(2));
                    assertEquals(
                            stored.notices().get(rows.getString(1)),
                            ContractsJson.fromJson(rows.getString(3), Notice.class));
                }
            }
            try (ResultSet row = statement.executeQuery("select state from " + SCHEMA + ".notice_group")) {
                row.next();
                header = ContractsJson.fromJson(row.getString(1), GroupState.class);
            }
        }
        assertEquals(new TreeMap<>(Map.of(told.identity(), true, untold.identity(), false)), members);
        assertEquals(stored.part(Map.of(), Set.of(), GroupState.Others.NONE), header);
    }

    private Flyway flyway(String version) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .target(version)
                .load();
    }
}
