package io.coverwatch.localrun;

import java.nio.file.Path;

/**
 * The README's run command ({@code ./run-local}): starts everything on the usual ports, prints where to find it,
 * and stops everything on Ctrl-C. Every process it starts also dies if this JVM is killed.
 */
public final class LocalRun {

    private LocalRun() {}

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        Path workDir = root.resolve("target/local-run");
        System.out.println("Starting Kafka, PostgreSQL and the four Coverwatch services (logs in " + workDir + ") …");
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(root, workDir, true);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping Coverwatch …");
                            stack.close();
                        },
                        "local-run-stop"));

        System.out.printf(
                "%nCoverwatch is up in %.1f s. Ctrl-C stops everything.%n%n", (System.nanoTime() - started) / 1e9);
        for (CoverwatchService service : CoverwatchService.values()) {
            System.out.printf(
                    "  %-22s %s   (OpenAPI %s/q/openapi, readiness %s/q/health/ready)%n",
                    service.moduleName(), stack.url(service), stack.url(service), stack.url(service));
        }
        System.out.printf(
                "  %-22s %s   (try: kcat -b %s -L)%n",
                "Kafka bootstrap",
                stack.infra().kafka().bootstrapServers(),
                stack.infra().kafka().bootstrapServers());
        System.out.printf(
                "  %-22s %s   (user %s)%n",
                "PostgreSQL",
                stack.infra().postgres().jdbcUrl(),
                stack.infra().postgres().username());
        Thread.currentThread().join(); // until Ctrl-C runs the shutdown hook
    }
}
