package io.coverwatch.localrun;

import io.coverwatch.localinfra.LocalInfra;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's run command ({@code ./run-local}): starts everything on the usual ports, prints where to find it,
 * and stops everything on Ctrl-C or SIGTERM. Every process it starts also dies if this JVM is killed, or its whole
 * process group is signalled ({@link io.coverwatch.localinfra.ChildProcess}).
 *
 * <p>The broker's and the database's data stay in {@code target/local-run} from one run to the next, so what the
 * estate learnt survives a restart; {@code --fresh} deletes them first, for a run that starts from nothing.
 */
public final class LocalRun {

    private LocalRun() {}

    /** The one option: start from empty topics and an empty database. */
    static final String FRESH = "--fresh";

    public static void main(String[] args) throws InterruptedException {
        for (String arg : args) {
            if (!arg.equals(FRESH)) {
                System.err.println("Unknown option " + arg + ". Usage: ./run-local [" + FRESH + "]");
                System.exit(2);
            }
        }
        Path root = Path.of("").toAbsolutePath();
        Path workDir = root.resolve("target/local-run");
        if (List.of(args).contains(FRESH)) {
            LocalInfra.deleteData(workDir);
            System.out.println("Starting fresh: deleted the topics and the database under " + workDir + ".");
        } else {
            System.out.println("The topics and the database under " + workDir + " are kept from the last run;"
                    + " ./run-local " + FRESH + " starts from nothing.");
        }
        System.out.println(
                "Starting Kafka, PostgreSQL, the four Coverwatch services and the console (logs in " + workDir + ") …");
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
        System.out.printf(
                "  Open the console:      %s   (sign in with any user name and the roles to try)%n%n",
                stack.url(CoverwatchService.CONSOLE));
        for (CoverwatchService service : CoverwatchService.DOMAIN_SERVICES) {
            URI management = stack.managementUrl(service);
            System.out.printf(
                    "  %-22s %s   (management: %s/q/health/ready, /q/metrics, /q/openapi, /q/swagger-ui/)%n",
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
     * The shell function that asks the local issuer for a token. The subject is the shell's user, or
     * {@code local-user} where {@code $USER} is unset (many containers and CI shells); when the issuer refuses, it says
     * why on stderr and fails, rather than handing every later call an empty token and a bare 401.
     */
    static String tokenFunction(LocalTokenIssuer issuer) {
        return "token() { local who=\"${USER:-local-user}\" answer; answer=$(curl -s -w '\\n%{http_code}' -u "
                + LocalTokenIssuer.CLIENT_ID + ":" + issuer.clientSecret()
                + " -d grant_type=client_credentials -d sub=\"$who\" -d name=\"$who\" -d roles=\"$*\" "
                + issuer.tokenEndpoint()
                + ") || { echo 'token: the local issuer does not answer: is ./run-local running?'"
                + " >&2; return 1; }; case \"${answer##*$'\\n'}\" in 200) printf '%s\\n' \"${answer%$'\\n'*}\""
                + " | sed -e 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/' ;; *) echo \"token: the issuer refused"
                + " (HTTP ${answer##*$'\\n'}): ${answer%$'\\n'*}\" >&2; return 1 ;; esac; }";
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
                        + "  %s%n%n",
                issuer.clientSecret(), tokenFunction(issuer));
        for (String role : Roles.ALL) {
            System.out.printf("  token %s%n", role);
        }
        System.out.printf(
                "%nFor example:  curl -s -H \"Authorization: Bearer $(token %s)\" %s/api/findings%n",
                Roles.READER, evaluation);
    }
}
