package io.coverwatch.bench;

import java.nio.file.Path;
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
    private static final Set<String> WITH_OPTIONS = Set.of("faults");

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
}
