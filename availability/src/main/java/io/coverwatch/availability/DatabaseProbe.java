package io.coverwatch.availability;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Asks the database whether it answers, within {@code coverwatch.availability.database-probe-timeout}. For a failure
 * that carries no connection error of its own (the pool's acquisition timeout, a commit that failed): when the
 * database does not answer either, the failure is an outage, not the work's fault.
 */
@ApplicationScoped
public class DatabaseProbe {

    private final AgroalDataSource dataSource;
    private final AvailabilityConfig config;

    DatabaseProbe(AgroalDataSource dataSource, AvailabilityConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** True when a connection can be had and the server answers on it. */
    public boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(
                    Math.max(1, (int) config.databaseProbeTimeout().toSeconds()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * What did not answer when {@code failure} says so itself ({@link Outages#dependency}), or when it involved the
     * database and the database does not answer now.
     */
    public Optional<String> outage(Throwable failure) {
        Optional<String> named = Outages.dependency(failure);
        if (named.isPresent() || !Outages.involvesDatabase(failure)) {
            return named;
        }
        return answers() ? Optional.empty() : Optional.of(Outages.DATABASE);
    }
}
