package io.coverwatch.bench;

import io.coverwatch.localinfra.PostgresServer;
import io.coverwatch.localrun.CoverwatchService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * async-profiler attached to services for the measured part of a run ({@code --profile=evaluation-service,…}): where
 * each service's CPU went, as collapsed stacks ({@code <service>.collapsed} in the run's results, one line per stack
 * and its samples, all threads, sampled by the interval timer, so no kernel permission is needed) and the top frames
 * printed. A scenario's figure that misses its goal is explained by where its time goes, not guessed.
 */
final class ServiceProfile implements AutoCloseable {

    /** One sample every 5 ms of CPU per thread: a minute of two busy cores is about 24,000 stacks. */
    private static final String EVENT = "event=itimer,interval=5ms";

    /** The profile's name for the database: its statements by the time they took, from pg_stat_statements. */
    private static final String DATABASE = "database";

    /** The statements that took the database longest, with their calls and rows. */
    private static final String STATEMENTS = "select calls, round(total_exec_time::numeric, 0),"
            + " round(mean_exec_time::numeric, 3), rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 200)"
            + " from pg_stat_statements order by total_exec_time desc limit 20";

    private final Path library;
    private final Path resultsDir;
    private final Map<CoverwatchService, Long> services;
    private final PostgresServer database;

    private ServiceProfile(
            Path library, Path resultsDir, Map<CoverwatchService, Long> services, PostgresServer database) {
        this.library = library;
        this.resultsDir = resultsDir;
        this.services = services;
        this.database = database;
    }

    /**
     * Starts profiling the services the scenario's only option names ({@code --profile=} module names, and {@code
     * database}, comma-separated); with no option, profiles nothing. The database's statements are counted only when
     * it was started with pg_stat_statements loaded, which {@code bench/run} does when the option names it.
     */
    static ServiceProfile start(Bench.Workspace workspace, PostgresServer postgres) throws Exception {
        String option = null;
        for (String argument : workspace.options()) {
            if (!argument.startsWith("--profile=")) {
                throw new IllegalArgumentException("unknown option " + argument + "; the one option is --profile=");
            }
            option = argument.substring("--profile=".length());
        }
        Path repositoryRoot = workspace.repositoryRoot();
        Path resultsDir = workspace.resultsDir();
        Map<CoverwatchService, Long> services = new TreeMap<>();
        PostgresServer database = null;
        if (option != null && !option.isBlank()) {
            for (String name : option.split(",")) {
                if (name.trim().equals(DATABASE)) {
                    database = postgres;
                    continue;
                }
                CoverwatchService service = Arrays.stream(CoverwatchService.values())
                        .filter(candidate -> candidate.moduleName().equals(name.trim()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--profile: no service " + name + "; one of "
                                + Arrays.stream(CoverwatchService.values())
                                        .map(CoverwatchService::moduleName)
                                        .toList()
                                + " or " + DATABASE));
                services.put(service, Bench.servicePid(repositoryRoot, service));
            }
        }
        ServiceProfile profile =
                new ServiceProfile(services.isEmpty() ? null : library(), resultsDir, services, database);
        if (database != null) {
            try (Connection connection = profile.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("create extension if not exists pg_stat_statements");
                statement.execute("select pg_stat_statements_reset()");
            }
        }
        for (long pid : services.values()) {
            profile.agent(pid, "start," + EVENT);
        }
        return profile;
    }

    /** Stops profiling, writes each service's stacks and prints its top frames, then the database's statements. */
    @Override
    public void close() throws Exception {
        Files.createDirectories(resultsDir);
        for (Map.Entry<CoverwatchService, Long> service : services.entrySet()) {
            Path stacks = resultsDir.resolve(service.getKey().moduleName() + ".collapsed");
            agent(service.getValue(), "stop,collapsed,file=" + stacks);
            System.out.println("Profile of " + service.getKey().moduleName() + " (" + stacks + "):");
            top(stacks).forEach(line -> System.out.println("  " + line));
        }
        if (database != null) {
            System.out.println("Database statements by time spent (calls, total ms, mean ms, rows, statement):");
            try (Connection connection = connect();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(STATEMENTS)) {
                while (rows.next()) {
                    System.out.printf(
                            "  %8d %8d %9s %9d  %s%n",
                            rows.getLong(1),
                            rows.getLong(2),
                            rows.getBigDecimal(3),
                            rows.getLong(4),
                            rows.getString(5));
                }
            }
        }
    }

    /** The frames that held the most samples themselves, then the Coverwatch frames that held most, callees included. */
    private static List<String> top(Path stacks) throws IOException {
        Map<String, Long> self = new TreeMap<>();
        Map<String, Long> inclusive = new TreeMap<>();
        long total = 0;
        for (String line : Files.readAllLines(stacks)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1));
            String[] frames = line.substring(0, space).split(";");
            total += samples;
            self.merge(frames[frames.length - 1], samples, Long::sum);
            Arrays.stream(frames)
                    .filter(frame -> frame.startsWith("io/coverwatch/"))
                    .distinct()
                    .forEach(frame -> inclusive.merge(frame, samples, Long::sum));
        }
        long all = total;
        List<String> lines = new ArrayList<>();
        lines.add(all + " samples; most samples in the frame itself:");
        self.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .forEach(entry ->
                        lines.add(String.format("%5.1f%%  %s", 100.0 * entry.getValue() / all, entry.getKey())));
        lines.add("Coverwatch frames, their callees included:");
        inclusive.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(entry ->
                        lines.add(String.format("%5.1f%%  %s", 100.0 * entry.getValue() / all, entry.getKey())));
        return lines;
    }

    /**
     * Loads the agent with these arguments. jcmd reads {@code name=value} as its own options, so the agent's arguments
     * go quoted; the agent answers with its return code.
     */
    private void agent(long pid, String arguments) throws IOException {
        String output;
        try {
            output = Bench.jdkTool(
                    "jcmd", Long.toString(pid), "JVMTI.agent_load", library.toString(), '"' + arguments + '"');
        } catch (Exception e) {
            throw new IOException("async-profiler " + arguments + " in " + pid, e);
        }
        if (!output.contains("return code: 0")) {
            throw new IOException("async-profiler " + arguments + " in " + pid + ": " + output);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    /** The profiler's native library for this machine, out of the async-profiler jar on the bench's classpath. */
    private static Path library() throws IOException {
        String platform = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
        try (InputStream in = ServiceProfile.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
            if (in == null) {
                throw new IllegalStateException("async-profiler's " + platform + " library is not on the classpath");
            }
            Path library = Files.createTempFile("libasyncProfiler", ".so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            library.toFile().deleteOnExit();
            return library;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
