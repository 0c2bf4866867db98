package io.coverwatch.localrun;

import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import java.net.URI;
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
            URI management = stack.managementUrl(service);
            System.out.printf(
                    "  %-22s %s   (management: %s/q/health/ready, /q/metrics, /q/openapi)%n",
                    service.moduleName(), stack.url(service), management);
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
        printTokenInstructions(stack.infra().tokenIssuer(), stack.url(CoverwatchService.EVALUATION));
        Thread.currentThread().join(); // until Ctrl-C runs the shutdown hook
    }

    /**
     * Every /api call needs a bearer token with the right app role; locally the token issuer stands in for Entra ID,
     * and its client secret is new with every run.
     */
    private static void printTokenInstructions(LocalTokenIssuer issuer, URI evaluation) {
        System.out.printf("  %-22s %s   (stands in for Microsoft Entra ID)%n%n", "Token issuer", issuer.issuer());
        System.out.printf(
                "Every /api call needs a bearer token. This run's client secret is %s (a new one each run).%n"
                        + "Paste this shell function, then ask for a token with the roles you need:%n%n"
                        + "  token() { curl -s -u %s:%s -d grant_type=client_credentials -d sub=\"$USER\""
                        + " -d name=\"$USER\" -d roles=\"$*\" %s"
                        + " | sed -e 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/'; }%n%n",
                issuer.clientSecret(), LocalTokenIssuer.CLIENT_ID, issuer.clientSecret(), issuer.tokenEndpoint());
        for (String role : Roles.ALL) {
            System.out.printf("  token %s%n", role);
        }
        System.out.printf(
                "%nFor example:  curl -s -H \"Authorization: Bearer $(token %s)\" %s/api/findings%n",
                Roles.READER, evaluation);
    }
}
