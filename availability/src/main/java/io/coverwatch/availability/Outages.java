package io.coverwatch.availability;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/** Tells a failure caused by a dependency that does not answer from one caused by the work itself. */
public final class Outages {

    /** The database named in answers and logs. */
    public static final String DATABASE = "the database";

    /** The broker named in answers and logs. */
    public static final String BROKER = "the broker";

    /**
     * PostgreSQL's codes for a server that is going away or not taking connections yet; class 08 (connection
     * exception) is taken whole.
     */
    private static final Set<String> UNAVAILABLE_SQL_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up)
            "53300"); // too_many_connections

    private static final int MAX_CAUSES = 32;

    private Outages() {}

    /**
     * What did not answer when {@code failure}, or anything that caused it, says that a dependency is away: an
     * {@link Unavailable}, a lost or refused database connection, or a broker that timed out or went away.
     */
    public static Optional<String> dependency(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            Optional<String> away = away(cause);
            if (away.isPresent()) {
                return away;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return Optional.empty();
    }

    /** True when {@code failure} or anything that caused it is an {@link SQLException}: the database had a say. */
    public static boolean involvesDatabase(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (cause instanceof SQLException) {
                return true;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }

    private static Optional<String> away(Throwable failure) {
        if (failure instanceof Unavailable unavailable) {
            return Optional.of(unavailable.dependency());
        }
        if (failure instanceof SQLTransientConnectionException || failure instanceof SQLRecoverableException) {
            return Optional.of(DATABASE);
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || UNAVAILABLE_SQL_STATES.contains(state)
                    ? Optional.of(DATABASE)
                    : Optional.empty();
        }
        // Kafka's retriable errors: a timeout, a lost connection, a leader or replicas not there (yet).
        if (failure instanceof org.apache.kafka.common.errors.RetriableException) {
            return Optional.of(BROKER);
        }
        return Optional.empty();
    }
}
