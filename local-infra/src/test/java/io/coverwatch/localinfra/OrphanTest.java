package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker and PostgreSQL must not outlive a JVM that is killed with SIGKILL. */
class OrphanTest {

    @TempDir
    Path tempDir;

    @Test
    void childrenDieWhenTheParentJvmIsKilled() throws Exception {
        Path workDir = tempDir.resolve("infra");
        Process parent = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanMain.class.getName(),
                        workDir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        List<Long> pids;
        String started;
        try {
            pids = CompletableFuture.supplyAsync(() -> readPids(parent, output)).get(120, TimeUnit.SECONDS);
            started = ProcessTrees.describe(pids);
        } finally {
            parent.destroyForcibly(); // SIGKILL, as kill -9
        }
        long killed = System.nanoTime();
        System.out.println("Orphan test: killed the parent of " + started);
        assertTrue(started.contains("/java"), "child JVMs recorded");
        assertTrue(started.contains("/postgres"), "postgres recorded");
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));

        List<Long> leftovers = ProcessTrees.awaitGone(pids, Duration.ofSeconds(20));
        System.out.printf(
                "Orphan test: descendants gone %d ms after the kill%n",
                Duration.ofNanos(System.nanoTime() - killed).toMillis());
        assertTrue(
                leftovers.isEmpty(),
                "still running 20 s after the parent was killed: " + ProcessTrees.describe(leftovers));
    }

    private static List<Long> readPids(Process parent, List<String> output) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                if (line.startsWith(OrphanMain.PIDS + " ")) {
                    return Arrays.stream(
                                    line.substring(OrphanMain.PIDS.length() + 1).split(" "))
                            .map(Long::parseLong)
                            .collect(Collectors.toList());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading the parent's output failed; output so far: " + output, e);
        }
        throw new IllegalStateException("the parent JVM ended without printing its pids; output: " + output);
    }
}
