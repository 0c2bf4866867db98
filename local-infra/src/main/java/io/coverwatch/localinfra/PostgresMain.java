package io.coverwatch.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Main class of PostgreSQL's child JVM: starts zonky's {@link EmbeddedPostgres} (which runs the real
 * {@code postgres} binaries), prints {@value #READY}, and stops PostgreSQL from a shutdown hook so that the SIGTERM
 * sent by the watcher shuts the server down cleanly.
 *
 * <p>Arguments: {@code <data directory> <port>}.
 */
final class PostgresMain {

    static final String READY = "COVERWATCH-READY";

    /** The environment variable with more server settings, {@code name=value;name=value}. */
    static final String SETTINGS = "COVERWATCH_POSTGRES_SETTINGS";

    private PostgresMain() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off")
                // Checkpoints minutes apart, not seconds. At PostgreSQL's default (1 GB) the detection bench's 16,667
                // heartbeat-row updates a second forced a checkpoint every ten seconds (PostgreSQL's own
                // checkpoint_warning is 30 s), and after each one the first change of every page wrote a full-page
                // image: the heartbeat path fell seconds behind in those minutes. At 8 GB they came five minutes apart
                // (docs/benchmarks.md, detection, runs 17-22). A soft limit: the WAL on disk grows towards it only
                // under such load.
                .setServerConfig("max_wal_size", "8GB")
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        // More server settings, name=value separated by ';' (the bench's database profile preloads
        // pg_stat_statements this way).
        String settings = System.getenv(SETTINGS);
        if (settings != null) {
            for (String setting : settings.split(";")) {
                int equals = setting.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException(SETTINGS + ": " + setting + " is not name=value");
                }
                builder.setServerConfig(
                        setting.substring(0, equals).trim(),
                        setting.substring(equals + 1).trim());
            }
        }
        EmbeddedPostgres postgres = builder.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                postgres.close();
                            } catch (IOException e) {
                                e.printStackTrace(System.out);
                            }
                        },
                        "postgres-stop"));
        System.out.println(READY + " port=" + port);
        new CountDownLatch(1).await();
    }
}
