package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void readyLineIsReturnedAndLogged() throws Exception {
        try (ChildProcess child = ChildProcess.builder(
                        "echo",
                        List.of(
                                "sh",
                                "-c",
                                "echo starting; echo \"value=$COVERWATCH_VALUE\"; echo READY; exec sleep 60"))
                .env("COVERWATCH_VALUE", "42")
                .logFile(dir.resolve("echo.log"))
                .readyWhen(line -> line.equals("READY"))
                .start()) {
            assertEquals("READY", child.awaitReady(Duration.ofSeconds(10)));
            assertTrue(child.isAlive());
            assertEquals(List.of("starting", "value=42", "READY"), Files.readAllLines(child.logFile()));
            long pid = child.pid();
            child.close();
            assertFalse(ProcessTrees.running(pid), "stopped by close");
        }
    }

    @Test
    void exitBeforeReadyFailsWithTheLogTail() throws Exception {
        try (ChildProcess child = ChildProcess.builder("failing", List.of("sh", "-c", "echo boom; exit 3"))
                .logFile(dir.resolve("failing.log"))
                .readyWhen(line -> line.equals("READY"))
                .start()) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> child.awaitReady(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
            assertTrue(e.getMessage().contains("boom"), e.getMessage());
        }
    }

    @Test
    void notReadyInTimeFailsAndTermIgnoringChildIsKilled() throws Exception {
        try (ChildProcess child = ChildProcess.builder(
                        "stubborn", List.of("sh", "-c", "trap '' TERM; echo waiting; while true; do sleep 1; done"))
                .logFile(dir.resolve("stubborn.log"))
                .readyWhen(line -> line.equals("READY"))
                .stopTimeout(Duration.ofMillis(500))
                .start()) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> child.awaitReady(Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains("waiting"), e.getMessage());
            long pid = child.pid();
            child.close();
            assertFalse(ProcessTrees.running(pid), "killed after the stop timeout");
        }
    }

    /** As PostgreSQL's child JVM, killed before it could stop the postmaster that pg_ctl detached. */
    @Test
    void aDetachedProcessTheKilledCommandLeftBehindIsStoppedThroughItsPidFile() throws Exception {
        Path pidFile = dir.resolve("left.pid");
        try (ChildProcess child = ChildProcess.builder(
                        "detaching",
                        List.of(
                                "sh",
                                "-c",
                                "setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \"$0\"; echo READY;"
                                        + " exec sleep 300",
                                pidFile.toString()))
                .logFile(dir.resolve("detaching.log"))
                .readyWhen(line -> line.equals("READY"))
                .stopTimeout(Duration.ofSeconds(2))
                .alsoStops(pidFile, "TERM")
                .start()) {
            child.awaitReady(Duration.ofSeconds(10));
            long left = Long.parseLong(Files.readString(pidFile).trim());
            assertTrue(ProcessTrees.running(left), "the detached process runs");

            ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();

            assertEquals(
                    List.of(),
                    ProcessTrees.awaitGone(List.of(left), Duration.ofSeconds(10)),
                    "the detached process outlived the command");
        }
    }
}
