package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The broker and PostgreSQL must not outlive the JVM that started them, whichever way it is stopped: Ctrl-C, SIGTERM to
 * it, SIGKILL to it, or SIGTERM or SIGKILL to its whole process group (as {@code timeout}, systemd or a CI runner send
 * it). The parent runs in a process group of its own, as {@code ./run-local} does in a terminal.
 */
@EnabledOnOs(OS.LINUX)
class OrphanTest {

    /** How the parent is stopped. */
    enum Stop {
        SIGINT_TO_THE_PARENT("INT", false),
        SIGTERM_TO_THE_PARENT("TERM", false),
        SIGKILL_TO_THE_PARENT("KILL", false),
        SIGTERM_TO_THE_PROCESS_GROUP("TERM", true),
        SIGKILL_TO_THE_PROCESS_GROUP("KILL", true);

        final String signal;
        final boolean wholeGroup;

        Stop(String signal, boolean wholeGroup) {
            this.signal = signal;
            this.wholeGroup = wholeGroup;
        }
    }

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Stop.class)
    void nothingTheParentStartedOutlivesIt(Stop stop) throws Exception {
        Path workDir = tempDir.resolve("infra");
        List<String> command = new ArrayList<>();
        // setsid makes the parent lead a process group of its own, so the group can be signalled without this JVM.
        command.add(setsid());
        // A terminal's Ctrl-C reaches a process whose SIGINT is not ignored; a build started in the background of a
        // non-interactive shell inherits SIGINT ignored, and a JVM then never runs its shutdown hooks on it. The parent
        // gets the default back, as ./run-local has it in a terminal (coreutils env, 8.31 or later).
        command.addAll(List.of("env", "--default-signal=INT"));
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OrphanMain.class.getName(),
                workDir.toString()));
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Set<Long> pids = new LinkedHashSet<>();
        String started;
        try {
            pids.addAll(CompletableFuture.supplyAsync(() -> readPids(parent, output))
                    .get(120, TimeUnit.SECONDS));
            parent.descendants().map(ProcessHandle::pid).forEach(pids::add);
            started = ProcessTrees.describe(List.copyOf(pids));
            signal(stop, parent.pid());
        } catch (Exception e) {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
            throw e;
        }
        long stopped = System.nanoTime();
        System.out.println("Orphan test: " + stop + " to the parent of " + started);
        assertTrue(started.contains("/java"), "child JVMs recorded");
        assertTrue(started.contains("/postgres"), "postgres recorded");
        // A Ctrl-C or SIGTERM runs the parent's stop: the broker and PostgreSQL each get 15 s to stop after SIGTERM,
        // then SIGKILL and up to twice 5 s of waiting, side by side (about 25 s at worst). A loaded machine takes
        // longer
        // (CI saw 30 s run out), so the wait is generous: what this test asserts is below, that nothing outlives it.
        assertTrue(parent.waitFor(75, TimeUnit.SECONDS), "the parent ended");

        List<Long> leftovers = ProcessTrees.awaitGone(List.copyOf(pids), Duration.ofSeconds(20));
        System.out.printf(
                "Orphan test: %s, descendants gone %d ms later%n",
                stop, Duration.ofNanos(System.nanoTime() - stopped).toMillis());
        leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertTrue(leftovers.isEmpty(), "still running 20 s after " + stop + ": " + ProcessTrees.describe(leftovers));
    }

    private static void signal(Stop stop, long parentPid) throws Exception {
        String target = stop.wholeGroup ? "-" + parentPid : Long.toString(parentPid);
        Process kill = new ProcessBuilder("kill", "-s", stop.signal, "--", target)
                .redirectErrorStream(true)
                .start();
        assertTrue(
                kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -s " + stop.signal + " " + target);
    }

    private static String setsid() {
        return Arrays.stream(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, "setsid"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("setsid (util-linux) is needed to run this test"));
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
