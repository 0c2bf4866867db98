package io.coverwatch.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers for checking that processes are really gone (a zombie counts as gone). */
final class ProcessTrees {

    private ProcessTrees() {}

    /** Everything this JVM started for {@code infra}: its descendants plus the detached postmaster and its children. */
    static List<Long> started(LocalInfra infra) {
        ProcessHandle postmaster =
                ProcessHandle.of(infra.postgres().serverPid()).orElseThrow();
        return Stream.of(ProcessHandle.current().descendants(), Stream.of(postmaster), postmaster.descendants())
                .flatMap(s -> s)
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
    }

    static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?");
    }

    /** Waits until none of {@code pids} runs; returns the ones still running after {@code timeout}. */
    static List<Long> awaitGone(List<Long> pids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> alive = pids;
        while (true) {
            alive = alive.stream().filter(ProcessTrees::running).collect(Collectors.toList());
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            Thread.sleep(100);
        }
    }

    static String describe(List<Long> pids) {
        return pids.stream().map(pid -> pid + " " + command(pid)).collect(Collectors.joining(", "));
    }
}
