package io.coverwatch.bench;

import io.coverwatch.contracts.ContractsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One scenario's figures: printed as a table and written to {@code target/bench/<scenario>.json}. */
final class Report {

    private final String scenario;
    private final String title;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    Report(String scenario, String title) {
        this.scenario = scenario;
        this.title = title;
        figures.put("scenario", scenario);
        figures.put("time", Instant.now().toString());
        figures.put("machine", machine());
    }

    Report put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    Report put(String name, long value) {
        figures.put(name, value);
        return this;
    }

    /** A figure rounded to two decimals. */
    Report put(String name, double value) {
        figures.put(name, round(value));
        return this;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    void write(Path resultsDir) throws Exception {
        Files.createDirectories(resultsDir);
        Files.writeString(resultsDir.resolve(scenario + ".json"), ContractsJson.toJson(figures));
        System.out.printf("%n%s%n", title);
        figures.forEach((key, value) -> System.out.printf("  %-40s %s%n", key, value));
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap (bench JVM), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version");
    }
}
