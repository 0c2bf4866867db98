package io.coverwatch.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code token()} shell function the run prints, pasted into bash as a newcomer would paste it. */
class TokenFunctionTest {

    private static LocalTokenIssuer issuer;

    @BeforeAll
    static void startIssuer() {
        issuer = LocalTokenIssuer.start(0);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    /** local-infra cannot see the security module, so the issuer's sign-in page lists the roles itself. */
    @Test
    void theSignInPageOffersEveryAppRole() {
        assertEquals(Roles.ALL, LocalTokenIssuer.APP_ROLES);
    }

    @Test
    void aShellWithoutUserGetsATokenForTheDefaultSubject() throws Exception {
        Shell shell = bash(LocalRun.tokenFunction(issuer) + "\ntoken Coverwatch.Reader", Map.of());

        assertEquals(0, shell.exit(), shell.stderr());
        String[] parts = shell.stdout().strip().split("\\.");
        assertEquals(3, parts.length, "a JWT: " + shell.stdout());
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"local-user\""), claims);
        assertTrue(claims.contains("Coverwatch.Reader"), claims);
    }

    @Test
    void aShellWithUserSignsInAsThatUser() throws Exception {
        Shell shell = bash(LocalRun.tokenFunction(issuer) + "\ntoken Coverwatch.Reader", Map.of("USER", "ana"));

        String claims = new String(
                Base64.getUrlDecoder().decode(shell.stdout().strip().split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"ana\""), claims);
    }

    @Test
    void aRefusalSaysWhyAndFails() throws Exception {
        String lastRunsFunction = LocalRun.tokenFunction(issuer).replace(issuer.clientSecret(), "last-runs-secret");

        Shell shell = bash(lastRunsFunction + "\ntoken Coverwatch.Reader", Map.of());

        assertEquals(1, shell.exit());
        assertEquals("", shell.stdout());
        assertTrue(shell.stderr().startsWith("token: the issuer refused (HTTP 401)"), shell.stderr());
    }

    private record Shell(int exit, String stdout, String stderr) {}

    /** Runs a script in bash with only PATH and the given variables in its environment. */
    private static Shell bash(String script, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        return new Shell(process.exitValue(), stdout, stderr);
    }
}
