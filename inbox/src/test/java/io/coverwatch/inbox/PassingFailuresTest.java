package io.coverwatch.inbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.NoResultException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

class PassingFailuresTest {

    @Test
    void aDeadlockVictimWrappedByHibernateAndTheTransactionPasses() {
        SQLException deadlock = new SQLException("ERROR: deadlock detected", "40P01");
        RuntimeException failure = new jakarta.transaction.TransactionalException(
                "rolled back", new LockAcquisitionException("could not execute statement", deadlock));

        assertTrue(PassingFailures.isPassing(failure));
    }

    @Test
    void aSerializationFailureALostConnectionAndALockTimeoutPass() {
        assertTrue(
                PassingFailures.isPassing(new PersistenceException(new SQLException("could not serialize", "40001"))));
        assertTrue(
                PassingFailures.isPassing(new PersistenceException(new SQLException("Connection refused", "08001"))));
        assertTrue(PassingFailures.isPassing(new PersistenceException(new SQLException("I/O error", "08006"))));
        assertTrue(PassingFailures.isPassing(new PersistenceException(new SQLException("lock timeout", "55P03"))));
        assertTrue(PassingFailures.isPassing(new SQLTransientConnectionException("pool exhausted")));
    }

    @Test
    void anOptimisticLockAndARowDeletedUnderTheHandlerPass() {
        assertTrue(PassingFailures.isPassing(new OptimisticLockException("row was updated")));
        assertTrue(PassingFailures.isPassing(new NoResultException(
                "No result found for query [select state, next_wake_up from notice_group ... for update]")));
    }

    @Test
    void aBugDoesNotPass() {
        assertFalse(PassingFailures.isPassing(new NullPointerException("finding is null")));
        assertFalse(PassingFailures.isPassing(new IllegalStateException("unknown remediation step")));
        assertFalse(PassingFailures.isPassing(new ConstraintViolationException(
                "value too long", new SQLException("value too long for type character varying(64)", "22001"), null)));
    }

    @Test
    void aCauseThatIsItsOwnCauseEndsTheWalk() {
        RuntimeException selfCaused = new RuntimeException("loops") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };

        assertFalse(PassingFailures.isPassing(selfCaused));
    }
}
