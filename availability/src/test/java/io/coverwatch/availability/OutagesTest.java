package io.coverwatch.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class OutagesTest {

    @Test
    void aRefusedOrLostDatabaseConnectionIsAnOutageHoweverDeeplyWrapped() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        assertEquals(
                Optional.of(Outages.DATABASE),
                Outages.dependency(new IllegalStateException(new RuntimeException("commit failed", refused))));
        assertEquals(
                Optional.of(Outages.DATABASE),
                Outages.dependency(new SQLException("terminating connection due to administrator command", "57P01")));
        assertEquals(
                Optional.of(Outages.DATABASE),
                Outages.dependency(new SQLTransientConnectionException("the pool has no connection")));
    }

    @Test
    void aBrokerThatTimedOutOrLostItsLeaderIsAnOutageOneThatRefusedTheRecordIsNot() {
        assertEquals(
                Optional.of(Outages.BROKER),
                Outages.dependency(new RuntimeException(new NotLeaderOrFollowerException("leader moved"))));
        assertEquals(Optional.empty(), Outages.dependency(new RecordTooLargeException("2 MB")));
    }

    @Test
    void theWorksOwnFailuresAreNotOutages() {
        assertEquals(
                Optional.empty(),
                Outages.dependency(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertEquals(Optional.empty(), Outages.dependency(new IllegalArgumentException("no such rule")));
        assertEquals(
                Optional.of("the broker"),
                Outages.dependency(new IllegalStateException(new Unavailable(Outages.BROKER, "no answer", null))));
    }

    @Test
    void aFailureInvolvesTheDatabaseWhenAnSqlExceptionCausedIt() {
        assertTrue(Outages.involvesDatabase(
                new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"))));
        assertFalse(Outages.involvesDatabase(new RuntimeException("a bug")));
    }

    @Test
    void aCauseChainThatLoopsIsWalkedToAnEnd() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertEquals(Optional.empty(), Outages.dependency(first));
        assertFalse(Outages.involvesDatabase(first));
    }
}
