package io.coverwatch.bench;

import java.nio.file.Path;
import java.util.Map;

/** Entry point of {@code ./bench/run SCENARIO}: one scenario per run, each printing a table and writing JSON. */
public final class Bench {

    /** What a scenario gets: the checkout to run from and where its results go. */
    record Workspace(Path repositoryRoot, Path resultsDir) {}

    interface Scenario {
        void run(Workspace workspace) throws Exception;
    }

    private static final Map<String, Scenario> SCENARIOS = Map.of(
            "ingest", IngestBench::run,
            "throughput", ThroughputBench::throughput,
            "scaleout", ThroughputBench::scaleOut,
            "detection", DetectionBench::run,
            "change", ChangeBench::run,
            "scale", ScaleBench::run);

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario = args.length == 1 ? SCENARIOS.get(args[0]) : null;
        if (scenario == null) {
            System.err.println("usage: bench/run SCENARIO, one of " + SCENARIOS.keySet());
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        try {
            scenario.run(new Workspace(root, root.resolve("target/bench")));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the stack is shut down; a watcher or sampler thread must not keep this JVM alive
        }
        System.exit(0); // the stack's shutdown is done; don't wait on client threads' keep-alive
    }
}
