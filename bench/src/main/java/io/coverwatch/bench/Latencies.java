package io.coverwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Percentiles of a set of latencies, in milliseconds. */
record Latencies(int count, double p50, double p99, double max) {

    static Latencies of(Collection<Duration> latencies) {
        List<Long> micros = latencies.stream()
                .map(latency -> latency.toNanos() / 1_000)
                .sorted()
                .toList();
        if (micros.isEmpty()) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latencies(
                micros.size(), percentile(micros, 0.50), percentile(micros, 0.99), micros.get(micros.size() - 1) / 1e3);
    }

    /** From each key's start to its end, for the keys that have both. */
    static <K> Latencies between(Map<K, Instant> starts, Map<K, Instant> ends) {
        return of(ends.entrySet().stream()
                .filter(end -> starts.containsKey(end.getKey()))
                .map(end -> Duration.between(starts.get(end.getKey()), end.getValue()))
                .toList());
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Long> sortedMicros, double quantile) {
        int rank = (int) Math.ceil(quantile * sortedMicros.size());
        return sortedMicros.get(Math.max(0, rank - 1)) / 1e3;
    }

    void reportAs(Report report, String prefix) {
        report.put(prefix + "Count", count);
        report.put(prefix + "P50Millis", p50);
        report.put(prefix + "P99Millis", p99);
        report.put(prefix + "MaxMillis", max);
    }
}
