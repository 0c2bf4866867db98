package io.coverwatch.localinfra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** Run by {@link OrphanTest} in its own JVM: starts LocalInfra, prints the pids of everything it started, then waits to be killed. */
final class OrphanMain {

    static final String PIDS = "PIDS";

    private OrphanMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalInfra infra = LocalInfra.start(Path.of(args[0]));
        System.out.println(PIDS + " "
                + ProcessTrees.started(infra).stream().map(Object::toString).collect(Collectors.joining(" ")));
        new CountDownLatch(1).await();
    }
}
