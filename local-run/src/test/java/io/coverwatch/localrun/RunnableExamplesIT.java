package io.coverwatch.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shell block of the README and the docs marked {@code <!-- runnable -->} runs, as a newcomer would paste it,
 * against the whole local stack with its demo estate: one bash session per run, in reading order, with the printed
 * {@code token()} function defined first. Any call answered with an error status fails the run, so an example cannot
 * rot. The only rewriting is of the services' fixed local ports to this run's free ones.
 */
class RunnableExamplesIT {

    /** In reading order: the README first, since the others use the headers it defines. */
    static final List<String> PAGES = List.of(
            "README.md",
            "docs/local-run.md",
            "docs/remediation.md",
            "inventory-service/src/main/resources/demo/README.md");

    private static final Pattern RUNNABLE =
            Pattern.compile("<!-- runnable -->\\n```bash\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern LOCAL_PORT = Pattern.compile("localhost:(808[1-4])");

    private static final Path ROOT = Path.of(System.getProperty("coverwatch.repo.root", ".."));

    private static RunningStack running;

    @BeforeAll
    static void startEverything() {
        running = RunningStack.start("runnable-examples", CoverwatchService.DOMAIN_SERVICES, Map.of());
    }

    @AfterAll
    static void stopEverything() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void everyRunnableBlockRunsAsWritten() throws Exception {
        StringBuilder script = new StringBuilder()
                .append("set -euo pipefail\n")
                // A call answered 4xx or 5xx fails the block, where plain curl -s would carry on.
                .append("curl() { command curl --fail-with-body \"$@\"; }\n")
                .append(LocalRun.tokenFunction(running.stack().infra().tokenIssuer()))
                .append('\n');
        List<String> blocks = new ArrayList<>();
        for (String page : PAGES) {
            List<String> found = runnableBlocks(Files.readString(ROOT.resolve(page)));
            assertFalse(found.isEmpty(), page + " has no runnable block");
            for (String block : found) {
                blocks.add(page);
                script.append("echo '=== ")
                        .append(page)
                        .append("' >&2\n")
                        .append(withThisRunsPorts(block))
                        .append('\n');
            }
        }
        assertTrue(blocks.size() >= 7, "runnable blocks: " + blocks);

        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        bash.environment().remove("USER");
        Process process = bash.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the examples did not finish");

        assertEquals(0, process.exitValue(), "a runnable example failed:\n" + output);
    }

    static List<String> runnableBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = RUNNABLE.matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    private static String withThisRunsPorts(String block) {
        return LOCAL_PORT.matcher(block).replaceAll(port -> running.url(serviceOn(Integer.parseInt(port.group(1))))
                .replace("http://", "")
                .replaceAll("/$", ""));
    }

    private static CoverwatchService serviceOn(int defaultPort) {
        for (CoverwatchService service : CoverwatchService.values()) {
            if (service.defaultPort() == defaultPort) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service on " + defaultPort);
    }

    /** Keeps a page's blocks readable by the test even when its markdown is edited by hand. */
    @Test
    void theMarkerFindsTheBlocksItMarks() throws IOException {
        String page = "text\n\n<!-- runnable -->\n```bash\necho one\n```\n\n```bash\necho not marked\n```\n";

        assertEquals(List.of("echo one"), runnableBlocks(page));
    }
}
