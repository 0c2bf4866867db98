package io.coverwatch.inbox;

import io.coverwatch.availability.Outages;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.NoResultException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Tells a failure that says nothing about the event (the transaction lost to another one, the database went away, a
 * row went away under it between two statements) from one that will happen again: the first is worth retrying until
 * it passes.
 */
public final class PassingFailures {

    /**
     * PostgreSQL's codes for a transaction that lost to another or to an interruption, not to its own content. A
     * server going away or not taking connections is an outage ({@link Outages}).
     */
    private static final Set<String> CONTENTION_SQL_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available (lock_timeout, NOWAIT)
            "57014"); // query_canceled (statement_timeout)

    private static final int MAX_CAUSES = 32;

    private PassingFailures() {}

    /** True when {@code failure}, or anything that caused it, is a passing database failure. */
    public static boolean isPassing(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (passing(cause)) {
                return true;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }

    private static boolean passing(Throwable failure) {
        if (Outages.dependency(failure).isPresent()) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            return CONTENTION_SQL_STATES.contains(sql.getSQLState());
        }
        return failure instanceof SQLTransientException
                || failure instanceof JDBCConnectionException
                || failure instanceof LockAcquisitionException
                || failure instanceof StaleStateException
                || failure instanceof OptimisticLockException
                || failure instanceof PessimisticLockException
                || failure instanceof LockTimeoutException
                || failure instanceof QueryTimeoutException
                // a row read a moment ago was deleted by a concurrent transaction before this one locked it
                || failure instanceof NoResultException
                || failure instanceof EntityNotFoundException;
    }
}
