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

    private PostgresMain() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off")
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
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
