package io.coverwatch.localinfra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Run by {@link OrphanTest} in its own JVM, as {@code ./run-local} runs: starts LocalInfra, stops it from a shutdown hook
 * (Ctrl-C, SIGTERM), prints the pids of everything it started, then waits to be stopped or killed.
 */
final class OrphanMain {

    static final String PIDS = "PIDS";

    private OrphanMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalInfra infra = LocalInfra.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "orphan-main-stop"));
        System.out.println(PIDS + " "
                + ProcessTrees.started(infra).stream().map(Object::toString).collect(Collectors.joining(" ")));
        new CountDownLatch(1).await();
    }
}
