package io.coverwatch.localinfra;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A child process that dies with its parent.
 *
 * <p>Why: a test JVM or a local-run command that is stopped or killed in any way (Ctrl-C, SIGTERM, {@code kill -9},
 * to it alone or to its whole process group as {@code timeout}, systemd or a CI runner do) must not leave brokers,
 * databases or services running. The real command is therefore started by a tiny {@code /bin/sh} watcher whose stdin is
 * a pipe from this JVM. The watcher runs in a session of its own (when {@code setsid} is available), so a signal to
 * this JVM's process group does not reach it; only the pipe tells it to stop. It runs the command in the background (in
 * yet another session, with stdin from {@code /dev/null}) and blocks in {@code cat} on that pipe. The pipe closes when
 * this JVM closes it ({@link #close()}) or dies for any reason; the watcher then sends SIGTERM to the command, waits for
 * the stop timeout, sends SIGKILL (to the command's whole process group) if it is still alive, then stops the process a
 * {@link Builder#alsoStops(Path) pid file} names if the command left one behind, and exits.
 *
 * <p>The command's stdout and stderr go to a log file; every line is also tested against a readiness predicate, see
 * {@link #awaitReady(Duration)}.
 */
public final class ChildProcess implements AutoCloseable {

    private static final String PID_MARKER = "@@coverwatch-child-pid ";
    private static final int TAIL_LINES = 60;
    private static final Duration PID_WAIT = Duration.ofSeconds(10);
    private static final Duration LAST_RESORT_WAIT = Duration.ofSeconds(5);

    /**
     * $1 = stop grace in tenths of a second, $2 = a pid file naming a process the command may leave behind (or empty),
     * $3 = the signal that stops that process, the rest = the command. INT, QUIT and HUP are ignored so that, where the
     * watcher could not get a session of its own, a Ctrl-C in a terminal reaches the parent JVM (which then closes the
     * pipe) instead of killing the watcher before it has stopped the command.
     */
    private static final String WATCHER_SCRIPT = String.join(
            "\n",
            "grace=$1; pidfile=$2; leftover_signal=$3; shift 3",
            "trap '' INT QUIT HUP",
            "if command -v setsid >/dev/null 2>&1; then setsid \"$@\" </dev/null & else \"$@\" </dev/null & fi",
            "child=$!",
            "echo \"" + PID_MARKER + "$child\"",
            "cat >/dev/null 2>&1",
            "stop() {",
            "  kill -\"$2\" \"$1\" 2>/dev/null",
            "  i=0",
            "  while kill -0 \"$1\" 2>/dev/null; do",
            "    if [ \"$i\" -ge \"$grace\" ]; then",
            "      kill -KILL -- \"-$1\" 2>/dev/null || kill -KILL \"$1\" 2>/dev/null",
            "      break",
            "    fi",
            "    sleep 0.1",
            "    i=$((i+1))",
            "  done",
            "}",
            "stop \"$child\" TERM",
            "wait \"$child\"",
            "status=$?",
            // The command stops what it started itself when it can; a pid file still there says it could not.
            "if [ -n \"$pidfile\" ] && [ -f \"$pidfile\" ]; then",
            "  left=$(head -n 1 \"$pidfile\" 2>/dev/null)",
            "  case \"$left\" in ''|*[!0-9]*) ;; *) stop \"$left\" \"$leftover_signal\" ;; esac",
            "fi",
            "exit \"$status\"");

    /** Where {@code setsid} is, to give the watcher a session of its own; empty where there is none. */
    private static final Optional<Path> SETSID = Stream.of(
                    Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin")
                            .split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, "setsid"))
            .filter(Files::isExecutable)
            .findFirst();

    private final String name;
    private final Process watcher;
    private final Path logFile;
    private final Duration stopTimeout;
    private final Predicate<String> readiness;
    private final CompletableFuture<Long> childPid = new CompletableFuture<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread pump;

    private ChildProcess(Builder builder) throws IOException {
        this.name = builder.name;
        this.logFile = builder.logFile;
        this.stopTimeout = builder.stopTimeout;
        this.readiness = builder.readiness;
        if (readiness == null) {
            ready.complete("");
        }

        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add("/bin/sh");
        command.add("-c");
        command.add(WATCHER_SCRIPT);
        command.add("coverwatch-watcher-" + name);
        command.add(Long.toString(Math.max(1, stopTimeout.toMillis() / 100)));
        command.add(builder.leftoverPidFile);
        command.add(builder.leftoverSignal);
        command.addAll(builder.command);

        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (builder.workingDirectory != null) {
            pb.directory(builder.workingDirectory.toFile());
        }
        pb.environment().putAll(builder.env);

        Path parent = logFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        try {
            this.watcher = pb.start();
        } catch (IOException e) {
            log.close();
            throw e;
        }
        this.pump = new Thread(() -> pump(log), "child-output-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts building a child process named {@code name} (used in thread names, messages and the watcher's argv[0]). */
    public static Builder builder(String name, List<String> command) {
        return new Builder(name, command);
    }

    /** The name given to {@link #builder(String, List)}. */
    public String name() {
        return name;
    }

    /** The pid of the real command (not of its watcher). */
    public long pid() {
        try {
            return childPid.get(PID_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    name + ": the command was not launched within " + PID_WAIT + tailForMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted", e);
        }
    }

    /** The file that receives the command's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the command (or, before it was launched, its watcher) is still running. */
    public boolean isAlive() {
        Long pid = childPid.getNow(null);
        if (pid == null) {
            return watcher.isAlive();
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Waits until an output line matches the readiness predicate and returns that line ({@code ""} when the
     * builder had no predicate).
     *
     * @throws IllegalStateException if the process exits first or the timeout passes; the message contains the tail
     *                               of the log
     */
    public String awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    name + " was not ready within " + timeout + " (log: " + logFile + ")" + tailForMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while waiting for readiness", e);
        }
    }

    /**
     * Stops the command: closes its stdin pipe (the watcher then sends SIGTERM, and SIGKILL after the stop timeout),
     * waits for it, and as a last resort forcibly destroys every process that descended from the watcher.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(watcher.toHandle());
        watcher.descendants().forEach(tree::add);
        closeStdin();
        boolean exited = waitFor(watcher.toHandle(), stopTimeout.plus(LAST_RESORT_WAIT));
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        if (!exited) {
            tree.forEach(handle -> waitFor(handle, LAST_RESORT_WAIT));
        }
        try {
            pump.join(LAST_RESORT_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[" + name + ", pid " + childPid.getNow(null) + ", log " + logFile + "]";
    }

    private void pump(BufferedWriter log) {
        try (log;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!childPid.isDone() && line.startsWith(PID_MARKER)) {
                    onLaunched(
                            Long.parseLong(line.substring(PID_MARKER.length()).trim()));
                    continue;
                }
                log.write(line);
                log.newLine();
                log.flush();
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                if (!ready.isDone() && readiness.test(line)) {
                    ready.complete(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The log is best effort; the exit handling below still reports the failure.
            synchronized (tail) {
                tail.addLast("[local-infra] output pump failed: " + e);
            }
        }
        String exit = exitDescription();
        IllegalStateException ended = new IllegalStateException(
                name + " exited (" + exit + ") before it was ready (log: " + logFile + ")" + tailForMessage());
        childPid.completeExceptionally(ended);
        ready.completeExceptionally(ended);
    }

    private void onLaunched(long pid) {
        childPid.complete(pid);
        // When the command ends on its own, release the watcher (it is blocked reading the pipe).
        ProcessHandle.of(pid).ifPresentOrElse(h -> h.onExit().thenRun(this::closeStdin), this::closeStdin);
    }

    private String exitDescription() {
        try {
            if (watcher.waitFor(LAST_RESORT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return "exit code " + watcher.exitValue();
            }
            return "output closed, still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private void closeStdin() {
        try {
            watcher.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot close the watcher's stdin", e);
        }
    }

    private static boolean waitFor(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private String tailForMessage() {
        synchronized (tail) {
            if (tail.isEmpty()) {
                return "; no output";
            }
            return "; last output lines:\n  " + String.join("\n  ", tail);
        }
    }

    /** Configures and starts a {@link ChildProcess}. */
    public static final class Builder {
        private final String name;
        private final List<String> command;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path workingDirectory;
        private Path logFile;
        private Predicate<String> readiness;
        private Duration stopTimeout = Duration.ofSeconds(10);
        private String leftoverPidFile = "";
        private String leftoverSignal = "";

        private Builder(String name, List<String> command) {
            this.name = Objects.requireNonNull(name, "name");
            this.command = List.copyOf(command);
            if (this.command.isEmpty()) {
                throw new IllegalArgumentException("empty command");
            }
        }

        /** Adds or overrides an environment variable (the rest of this JVM's environment is inherited). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Adds or overrides environment variables. */
        public Builder env(Map<String, String> overrides) {
            env.putAll(overrides);
            return this;
        }

        /** The command's working directory (default: this JVM's). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** Where stdout and stderr go (required; parent directories are created, an existing file is replaced). */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** An output line that signals readiness; without one, the process is ready once launched. */
        public Builder readyWhen(Predicate<String> lineMatches) {
            this.readiness = lineMatches;
            return this;
        }

        /** How long the command gets between SIGTERM and SIGKILL (default 10 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * A process the command starts detached (outside its process group) and normally stops itself: if, once the
         * command has ended, {@code pidFile} is still there, the watcher sends the process it names {@code signal}, and
         * SIGKILL after the stop timeout. So it is stopped even when the command was killed before it could stop it.
         */
        public Builder alsoStops(Path pidFile, String signal) {
            this.leftoverPidFile = pidFile.toAbsolutePath().toString();
            this.leftoverSignal = Objects.requireNonNull(signal, "signal");
            return this;
        }

        /** Launches the command under its watcher. */
        public ChildProcess start() throws IOException {
            Objects.requireNonNull(logFile, "logFile");
            return new ChildProcess(this);
        }
    }
}
