package io.coverwatch.bench;

import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import io.coverwatch.security.Roles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scale (issue goal: query p99 within 200 ms, heap within 512 MB per service): inventory-service and
 * evaluation-service each hold a million resources. One machine in fifty has been silent for an hour, so
 * evaluation-service's own sweep opens that many {@code CW-AGENT-AMA-DOWN} findings before the queries start. Each
 * query runs one at a time, after a warm-up; the heap is sampled while they run and measured after a full collection.
 * Then the console (issue 16: each page p99 within 200 ms, at most 300 KB without the chart library) opens the
 * overview and the agents table over the same estate as a signed-in Reader.
 */
final class ScaleBench {

    private static final int MACHINES = 1_000_000;
    private static final int MACHINES_PER_SUBSCRIPTION = 1_000;
    private static final int SILENT_ONE_IN = 50;
    private static final Duration FINDINGS_TIMEOUT = Duration.ofMinutes(10);
    private static final int WARMUP_QUERIES = 5;
    /** Two hundred, so the p99 is the 198th answer: of fifty it was the slowest one, a single pause. */
    private static final int MEASURED_QUERIES = 200;

    private ScaleBench() {}

    static void run(Bench.Workspace workspace) throws Exception {
        Estate estate = new Estate(MACHINES, MACHINES_PER_SUBSCRIPTION);
        LocalStack stack = LocalStack.start(
                workspace.repositoryRoot(),
                workspace.resultsDir().resolve("scale-" + UUID.randomUUID()),
                false,
                EnumSet.of(CoverwatchService.INVENTORY),
                Map.of("coverwatch.inventory.demo.enabled", "false"));
        Rest.signIn(stack);
        try (BenchKafka kafka = new BenchKafka(stack.infra().kafka().bootstrapServers());
                FindingWatch findings = new FindingWatch(kafka.bootstrap(), DetectionBench.RULE)) {
            // After inventory, which creates the compacted resources topic (see ChangeBench).
            URI evaluation = stack.startAnother(CoverwatchService.EVALUATION, Map.of());
            Report report =
                    new Report("scale", "scale (a million resources in inventory and evaluation: REST queries)");
            report.put("resourcesPerService", MACHINES + 2L * estate.subscriptions());
            EstateSeed seed = new EstateSeed(stack.infra().postgres());
            long seeding = System.nanoTime();
            seed.inventory(estate, Instant.now());
            seed.evaluation(estate, Duration.ofMinutes(15), machine -> machine % SILENT_ONE_IN == 0);
            report.put("seedSeconds", (System.nanoTime() - seeding) / 1e9);

            long silent = MACHINES / SILENT_ONE_IN;
            long sweeping = System.nanoTime();
            Instant deadline = Instant.now().plus(FINDINGS_TIMEOUT);
            while (findings.openedAt().size() < silent && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            double sweepSeconds = (System.nanoTime() - sweeping) / 1e9;
            report.put("findingsOpenedBySweep", findings.openedAt().size());
            report.put("findingsExpected", silent);
            report.put("sweepFindingsPerSecond", findings.openedAt().size() / sweepSeconds);

            URI inventory = stack.url(CoverwatchService.INVENTORY);
            String subscription = Estate.subscriptionId(estate.subscriptions() / 2);
            String machine = estate.machineId(MACHINES / 2);
            Map<String, URI> queries = new LinkedHashMap<>();
            queries.put("evaluation.coverage", evaluation.resolve("/api/coverage"));
            queries.put(
                    "evaluation.coverageOfOneSubscription",
                    evaluation.resolve("/api/coverage?subscription=" + subscription));
            queries.put("evaluation.openFindings", evaluation.resolve("/api/findings?status=OPEN&size=100"));
            queries.put(
                    "evaluation.openFindingsPage100",
                    evaluation.resolve("/api/findings?status=OPEN&page=100&size=100"));
            queries.put(
                    "evaluation.findingsOfOneSubscription",
                    evaluation.resolve("/api/findings?subscription=" + subscription));
            queries.put("evaluation.agentsLongestSilentFirst", evaluation.resolve("/api/agents?size=100"));
            // A common state found walking the longest-silent order, the most common one past every silent machine,
            // and one no machine is in (found through the state's own index, or not at all).
            queries.put("evaluation.agentsSilent", evaluation.resolve("/api/agents?state=AMA_DOWN&size=100"));
            queries.put("evaluation.agentsHealthy", evaluation.resolve("/api/agents?state=HEALTHY&size=100"));
            queries.put("evaluation.agentsLegacy", evaluation.resolve("/api/agents?state=LEGACY_AGENT&size=100"));
            // What the console's overview asks for, each on its own.
            queries.put("evaluation.coverageMap", evaluation.resolve("/api/coverage/map?page=0&size=50"));
            queries.put("evaluation.score", evaluation.resolve("/api/score"));
            queries.put("evaluation.scoreTotals", evaluation.resolve("/api/score?controls=false"));
            queries.put("evaluation.findingsSummary", evaluation.resolve("/api/findings/summary"));
            queries.put("evaluation.estateHistory", evaluation.resolve("/api/coverage/history/estate?days=7"));
            queries.put(
                    "evaluation.agentsOfOneSubscription",
                    evaluation.resolve("/api/agents?subscription=" + subscription + "&size=100"));
            queries.put(
                    "inventory.resourcesOfOneSubscription",
                    inventory.resolve("/api/resources?subscription=" + subscription + "&size=100"));
            queries.put("inventory.oneResource", inventory.resolve("/api/resources" + machine));
            queries.put(
                    "evaluation.oneAgent",
                    evaluation.resolve("/api/agents?resourceId=" + URLEncoder.encode(machine, StandardCharsets.UTF_8)));

            Map<CoverwatchService, HeapWatch> heaps = new LinkedHashMap<>();
            for (CoverwatchService service : List.of(CoverwatchService.INVENTORY, CoverwatchService.EVALUATION)) {
                heaps.put(service, new HeapWatch(Bench.servicePid(workspace.repositoryRoot(), service)));
            }
            // The answers first: a fast wrong count fails the run. Every silent machine is not monitored.
            String summary = Rest.get(evaluation.resolve("/api/findings/summary?machines=0"));
            if (!summary.contains("\"notMonitoredMachines\":" + silent + ",")) {
                throw new IllegalStateException(
                        "The findings summary does not count the " + silent + " silent machines: " + summary);
            }
            // The agents' states are those the evaluations stored: the longest silent are the silent machines.
            expectStates(evaluation.resolve("/api/agents?size=100"), "AMA_DOWN", 100);
            expectStates(evaluation.resolve("/api/agents?state=AMA_DOWN&size=100"), "AMA_DOWN", 100);
            expectStates(evaluation.resolve("/api/agents?state=HEALTHY&size=100"), "HEALTHY", 100);
            expectStates(evaluation.resolve("/api/agents?state=LEGACY_AGENT&size=100"), "LEGACY_AGENT", 0);
            CpuMeter cpu = new CpuMeter(stack.infra());
            CpuMeter.Sample before = cpu.sample();
            long querying = System.nanoTime();
            for (Map.Entry<String, URI> query : queries.entrySet()) {
                measure(query.getValue()).reportAs(report, query.getKey());
            }
            cpu.sample().minus(before).reportAs(report, "", (System.nanoTime() - querying) / 1e9);
            report.put("queryGoalP99Millis", 200);
            measureConsole(stack, evaluation, subscription, report);
            for (Map.Entry<CoverwatchService, HeapWatch> heap : heaps.entrySet()) {
                String name = heap.getKey().moduleName();
                report.put(name + ".heapPeakUsedMB", heap.getValue().peakMegabytes());
                report.put(name + ".heapUsedAfterFullGcMB", heap.getValue().afterFullCollection());
                report.put(name + ".heapMaxMB", heap.getKey().maxHeapMegabytes());
                heap.getValue().close();
            }
            report.put("heapGoalMB", 512);
            report.write(workspace.resultsDir());
        } finally {
            stack.close();
            stack.infra().deleteData();
        }
    }

    /**
     * The console's overview and agents table over the same million resources, as a signed-in Reader opens them: the
     * time to the whole page (the console's own calls to the APIs included) and its weight without the chart library.
     */
    private static void measureConsole(LocalStack stack, URI evaluation, String subscription, Report report)
            throws Exception {
        URI console = stack.startAnother(
                CoverwatchService.CONSOLE,
                Map.of(
                        "coverwatch.console.evaluation-url", evaluation.toString(),
                        // Not started in this scenario, and neither page reads them.
                        "coverwatch.console.remediation-url", "http://127.0.0.1:1",
                        "coverwatch.console.notification-url", "http://127.0.0.1:1"));
        ConsoleVisit reader = ConsoleVisit.signIn(console, "bench-reader", Roles.READER);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("console.overview", "/overview");
        pages.put("console.agents", "/agents");
        pages.put("console.agentsOfOneSubscription", "/agents?subscription=" + subscription);
        pages.put("console.agentsSilent", "/agents?state=AMA_DOWN");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            for (int i = 0; i < WARMUP_QUERIES; i++) {
                reader.open(page.getValue());
            }
            List<Duration> latencies = new ArrayList<>();
            String html = "";
            for (int i = 0; i < MEASURED_QUERIES; i++) {
                long started = System.nanoTime();
                html = reader.open(page.getValue());
                latencies.add(Duration.ofNanos(System.nanoTime() - started));
            }
            Latencies.of(latencies).reportAs(report, page.getKey());
            report.put(page.getKey() + "WeightKB", reader.weight(html) / 1024.0);
        }
        report.put("consolePageGoalP99Millis", 200);
        report.put("consolePageGoalWeightKB", 300);
    }

    /** Fails the run unless the page holds {@code rows} machines, every one in {@code state}. */
    private static void expectStates(URI query, String state, int rows) throws Exception {
        String page = Rest.get(query);
        int found = page.split("\"resourceId\"", -1).length - 1;
        int inState = page.split("\"status\":\"" + state + "\"", -1).length - 1;
        if (found != rows || inState != rows) {
            throw new IllegalStateException(query + " gave " + found + " machines, " + inState + " of them " + state
                    + ", where " + rows + " were expected: " + page.substring(0, Math.min(500, page.length())));
        }
    }

    private static Latencies measure(URI query) throws Exception {
        for (int i = 0; i < WARMUP_QUERIES; i++) {
            Rest.get(query);
        }
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < MEASURED_QUERIES; i++) {
            long started = System.nanoTime();
            Rest.get(query);
            latencies.add(Duration.ofNanos(System.nanoTime() - started));
        }
        return Latencies.of(latencies);
    }

    /**
     * A service's used heap (survivors, eden, old), sampled every 200 ms by one {@code jstat} that runs while the
     * queries do. One process for the whole measurement: a {@code jstat} started for each sample is a JVM start (half a
     * CPU-second) per sample and service, about a core of the two taken from the queries it measured ("other processes"
     * 0.86-1.05 cores in the runs before).
     */
    private static final class HeapWatch implements AutoCloseable {

        private final long pid;
        private final AtomicLong peakKilobytes = new AtomicLong();
        private final Process jstat;

        HeapWatch(long pid) throws IOException {
            this.pid = pid;
            this.jstat = new ProcessBuilder(Bench.jdkToolPath("jstat"), "-gc", Long.toString(pid), "200")
                    .redirectErrorStream(true)
                    .start();
            Thread reader = new Thread(this::read, "heap-watch-" + pid);
            reader.setDaemon(true);
            reader.start();
        }

        /** The header names the columns; every line after it is a sample. */
        private void read() {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                String[] names = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] fields = line.trim().split("\\s+");
                    if (names == null || fields[0].equals(names[0])) {
                        names = fields;
                        continue;
                    }
                    peakKilobytes.accumulateAndGet(usedKilobytes(names, fields), Math::max);
                }
            } catch (IOException | NumberFormatException e) {
                // The watch ends with the process (closed, or the service gone); the peak so far stands.
            }
        }

        long peakMegabytes() {
            return peakKilobytes.get() / 1024;
        }

        /** The used heap after a full collection; -1 when the JVM did not answer the attach (a loaded machine). */
        long afterFullCollection() {
            try {
                Bench.jdkTool("jcmd", Long.toString(pid), "GC.run");
                String[] lines =
                        Bench.jdkTool("jstat", "-gc", Long.toString(pid)).split("\n");
                return usedKilobytes(
                                lines[0].trim().split("\\s+"), lines[1].trim().split("\\s+"))
                        / 1024;
            } catch (Exception e) {
                return -1;
            }
        }

        /** Survivors, eden and old of one {@code jstat -gc} sample, by its header's column names. */
        private static long usedKilobytes(String[] names, String[] values) {
            double used = 0;
            for (int i = 0; i < names.length && i < values.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                    used += Double.parseDouble(values[i]);
                }
            }
            return (long) used;
        }

        @Override
        public void close() {
            jstat.destroy();
        }
    }
}
