package io.coverwatch.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL 17 server (zonky's embedded binaries) run from its own child JVM, listening on 127.0.0.1 only,
 * with trust authentication for the superuser {@code postgres}.
 *
 * <p>Why a child JVM: zonky and the binaries stay off the caller's classpath, and PostgreSQL must stop when the
 * caller dies. The child JVM stops PostgreSQL in a shutdown hook, which the watcher of {@link ChildProcess}
 * triggers with SIGTERM when this JVM closes it or dies; if the child JVM dies without stopping it, the watcher stops
 * the postmaster that {@code postmaster.pid} still names.
 *
 * <p>Layout under the work directory: {@code data/} (initialised on first use, reused afterwards),
 * {@code log4j2.properties} and {@code postgres.log}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String USER = "postgres";

    private final ChildProcess process;
    private final int port;
    private final long serverPid;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(ChildProcess process, int port, long serverPid) {
        this.process = process;
        this.port = port;
        this.serverPid = serverPid;
    }

    /** Starts PostgreSQL on a free loopback port and returns once it answers {@code SELECT 1}. */
    public static PostgresServer start(Path workDir) throws IOException {
        return start(workDir, 0);
    }

    /**
     * Starts PostgreSQL on {@code port} (0 = a free port) and returns once it answers {@code SELECT 1}.
     *
     * @throws IllegalStateException if the server exits or is not ready within 90 s (the message has its log tail)
     */
    public static PostgresServer start(Path workDir, int port) throws IOException {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        int pgPort = LoopbackPorts.orFree(port);
        Path dataDir = dir.resolve("data");
        Path log4j = ChildJvm.writeLog4jConfig(dir.resolve("log4j2.properties"), "INFO", Map.of());

        ChildProcess process = ChildProcess.builder(
                        "postgres",
                        ChildJvm.command(
                                "128m",
                                log4j,
                                PostgresMain.class,
                                List.of(dataDir.toString(), Integer.toString(pgPort))))
                .workingDirectory(dir)
                .logFile(dir.resolve("postgres.log"))
                .readyWhen(line -> line.startsWith(PostgresMain.READY))
                .stopTimeout(Duration.ofSeconds(15))
                // SIGINT is PostgreSQL's fast shutdown, what pg_ctl stop -m fast sends.
                .alsoStops(dataDir.resolve("postmaster.pid"), "INT")
                .start();
        try {
            process.awaitReady(START_TIMEOUT);
            // The first line of postmaster.pid is the postmaster's pid (pg_ctl detaches it from the child JVM).
            long serverPid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            return new PostgresServer(process, pgPort, serverPid);
        } catch (IOException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The superuser, {@code postgres}. */
    public String username() {
        return USER;
    }

    /**
     * {@code postgres}. The server uses trust authentication, so any password is accepted; this one is returned
     * because some clients refuse an empty password.
     */
    public String password() {
        return USER;
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The child JVM that runs PostgreSQL (pid, log file). */
    public ChildProcess process() {
        return process;
    }

    /**
     * The pid of the postmaster. It is not a descendant of the child JVM: {@code pg_ctl} detaches it into its own
     * session.
     */
    public long serverPid() {
        return serverPid;
    }

    /**
     * Stops PostgreSQL: SIGTERM to the child JVM, whose shutdown hook runs {@code pg_ctl stop -m fast}; if the child
     * JVM had to be killed (after 15 s) and left the postmaster running, the postmaster is killed too.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        process.close();
        ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
    }
}
