package io.coverwatch.localinfra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Local-run command: starts {@link LocalInfra}, prints its Quarkus configuration as {@code key=value} lines, and
 * keeps it running until this JVM is stopped (Ctrl-C or SIGTERM stop both cleanly; even {@code kill -9} stops them).
 *
 * <p>Usage: {@code java -cp <local-infra jar> io.coverwatch.localinfra.LocalInfraMain <work dir> [kafka port]
 * [postgres port]} (ports default to 0 = free).
 */
public final class LocalInfraMain {

    private LocalInfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: LocalInfraMain <work dir> [kafka port] [postgres port]");
            System.exit(2);
        }
        int kafkaPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int postgresPort = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        LocalInfra infra = LocalInfra.start(Path.of(args[0]).toAbsolutePath(), kafkaPort, postgresPort);
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "local-infra-stop"));
        infra.quarkusConfig().forEach((key, value) -> System.out.println(key + "=" + value));
        System.out.println("local-infra ready (Ctrl-C stops it)");
        new CountDownLatch(1).await();
    }
}
