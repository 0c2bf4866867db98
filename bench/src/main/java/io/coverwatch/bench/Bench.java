package io.coverwatch.bench;

import io.coverwatch.localrun.CoverwatchService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Entry point of {@code ./bench/run SCENARIO}: one scenario per run, each printing a table and writing JSON. */
public final class Bench {

    /** What a scenario gets: the checkout to run from, where its results go, and the options after its name. */
    record Workspace(Path repositoryRoot, Path resultsDir, List<String> options) {}

    interface Scenario {
        void run(Workspace workspace) throws Exception;
    }

    private static final Map<String, Scenario> SCENARIOS = Map.of(
            "ingest", IngestBench::run,
            "throughput", ThroughputBench::throughput,
            "scaleout", ThroughputBench::scaleOut,
            "detection", DetectionBench::run,
            "change", ChangeBench::run,
            "onboard", OnboardBench::run,
            "scale", ScaleBench::run,
            "faults", FaultDrills::run);

    /** The scenarios that take options ({@code --name=value}); the others take none. */
    private static final Set<String> WITH_OPTIONS = Set.of("faults", "change", "onboard", "throughput");

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario =
                args.length == 1 || (args.length > 1 && WITH_OPTIONS.contains(args[0])) ? SCENARIOS.get(args[0]) : null;
        if (scenario == null) {
            System.err.println("usage: bench/run SCENARIO, one of " + SCENARIOS.keySet());
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        try {
            scenario.run(new Workspace(
                    root, root.resolve("target/bench"), List.of(args).subList(1, args.length)));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the stack is shut down; a watcher or sampler thread must not keep this JVM alive
        }
        System.exit(0); // the stack's shutdown is done; don't wait on client threads' keep-alive
    }

    /**
     * The process ID of a service the local stack started (the JVM, not its watcher); of several instances, the one
     * started last (throughput's measured instance, not the one that ran the migrations).
     */
    static long servicePid(Path repositoryRoot, CoverwatchService service) {
        String jar = service.runnableJar(repositoryRoot).toString();
        return ProcessHandle.current()
                .descendants()
                .filter(process -> process.info()
                        .commandLine()
                        .filter(command -> command.contains(jar))
                        .isPresent())
                // The JVM itself, not local-infra's /bin/sh watcher whose command line names the jar too.
                .filter(process -> process.info()
                        .command()
                        .filter(command -> command.endsWith("/java"))
                        .isPresent())
                .max(Comparator.comparing(
                        process -> process.info().startInstant().orElse(Instant.EPOCH)))
                .orElseThrow(() -> new IllegalStateException(service + " is not running"))
                .pid();
    }

    /** A tool of the JDK this bench runs on. */
    static String jdkToolPath(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    /** Runs a JDK tool and gives its output; fails unless it exits 0. */
    static String jdkTool(String tool, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(jdkToolPath(tool));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + ": " + output);
        }
        return output;
    }
}
