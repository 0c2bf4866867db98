package io.coverwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.Topics;
import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Detection latency (issue goal: finding within 2 s p99 of the threshold crossing, webhook within 5 s p99). A
 * million machines heartbeat at the real cadence, one heartbeat a minute each, spread evenly over the minute, onto
 * the heartbeats topic as inventory puts them there. The threshold is compressed from 15 to 3 minutes, so a run takes
 * minutes. Then the agents of a sample of machines stop; each crosses the threshold at its last heartbeat plus the
 * threshold, and the bench times from there to the {@code CW-AGENT-AMA-DOWN} finding on the findings topic and to
 * its notice at a local webhook receiver that notification-service delivers to. A second phase stops 1,000 agents that
 * heartbeat in the same 100 ms (a network outage), which cross the threshold together. The run fails when a stopped
 * machine has not exactly one finding and one notice, or a machine that kept heartbeating is reported.
 */
final class DetectionBench {

    static final String RULE = "CW-AGENT-AMA-DOWN";
    private static final int MACHINES = 1_000_000;
    private static final int MACHINES_PER_SUBSCRIPTION = 1_000;
    private static final Duration CADENCE = Duration.ofMinutes(1);
    private static final Duration THRESHOLD = Duration.ofMinutes(3);
    private static final int TICKS_PER_CADENCE = 600; // a slice of the estate every 100 ms
    private static final int STOPPED_MACHINES = 1_000;
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** The slice of the cadence the second phase's burst of agents falls silent in. */
    private static final int BURST_SLICE = 300;

    private DetectionBench() {}

    static void run(Bench.Workspace workspace) throws Exception {
        Estate estate = new Estate(MACHINES, MACHINES_PER_SUBSCRIPTION);
        try (WebhookReceiver receiver = new WebhookReceiver(RULE)) {
            LocalStack stack = LocalStack.start(
                    workspace.repositoryRoot(),
                    workspace.resultsDir().resolve("detection-" + UUID.randomUUID()),
                    false,
                    EnumSet.of(CoverwatchService.EVALUATION, CoverwatchService.NOTIFICATION),
                    Map.of(
                            "coverwatch.evaluation.heartbeat.threshold", THRESHOLD.toSeconds() + "s",
                            "coverwatch.notification.webhooks.allowed-hosts", "127.0.0.1",
                            "coverwatch.notification.webhooks.plain-http-hosts", "127.0.0.1"));
            Rest.signIn(stack);
            try (BenchKafka kafka = new BenchKafka(stack.infra().kafka().bootstrapServers());
                    FindingWatch findings = new FindingWatch(kafka.bootstrap(), RULE);
                    StreamWatch stream = new StreamWatch(stack.infra().postgres())) {
                subscribe(stack.url(CoverwatchService.NOTIFICATION), receiver.url());
                long seedStarted = System.nanoTime();
                new EstateSeed(stack.infra().postgres()).evaluation(estate, THRESHOLD, machine -> false);
                double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;

                // One machine per subscription, at a random place in the cadence: agents stop at their own times,
                // about 17 a second. (Every 1,000th machine would fall in three of the 600 slices, three bursts of
                // 333; see docs/benchmarks.md for what a burst does.)
                Random random = new Random(7);
                Set<Integer> sample = IntStream.range(0, STOPPED_MACHINES)
                        .map(i -> i * (MACHINES / STOPPED_MACHINES) + random.nextInt(MACHINES_PER_SUBSCRIPTION))
                        .boxed()
                        .collect(Collectors.toSet());
                // Then a network outage: 1,000 machines of one slice, which heartbeat in the same 100 ms, all fall
                // silent after that heartbeat, so they cross the threshold together.
                Set<Integer> burst = IntStream.iterate(BURST_SLICE, machine -> machine + TICKS_PER_CADENCE)
                        .filter(machine -> !sample.contains(machine))
                        .limit(STOPPED_MACHINES)
                        .boxed()
                        .collect(Collectors.toSet());
                Set<Integer> watched = new HashSet<>(sample);
                watched.addAll(burst);
                CpuMeter cpu = new CpuMeter(stack.infra());
                Report report = new Report(
                        "detection", "detection (agent stops → threshold crossed → finding on Kafka → webhook)");
                report.put("machines", MACHINES);
                report.put("heartbeatsPerSecond", Math.round(MACHINES / (double) CADENCE.toSeconds()));
                report.put("cadence", CADENCE.toString());
                report.put("threshold", THRESHOLD.toString() + " (15 min compressed)");
                report.put("seedSeconds", seedSeconds);
                report.put("stoppedMachines", STOPPED_MACHINES);
                try (Cadence cadence =
                        new Cadence(kafka.heartbeatProducer(workspace.repositoryRoot()), estate, watched)) {
                    Thread.sleep(CADENCE.toMillis()); // every machine has heartbeated since the seed

                    // Phase 1: agents stop at their own times.
                    CpuMeter.Sample cpuBefore = cpu.sample();
                    int streamFrom = stream.mark();
                    long started = System.nanoTime();
                    long lagAtStop = heartbeatLag(kafka);
                    cadence.stop(sample);
                    awaitReported(
                            sample,
                            findings,
                            receiver,
                            Instant.now().plus(CADENCE).plus(THRESHOLD).plus(SETTLE));
                    double seconds = (System.nanoTime() - started) / 1e9;
                    CpuMeter.Sample used = cpu.sample().minus(cpuBefore);
                    long lag = heartbeatLag(kafka);
                    reportPhase(report, "", sample, cadence, findings, receiver);
                    report.put("heartbeatsNotYetCommittedAtStop", lagAtStop);
                    report.put("heartbeatsNotYetCommittedAtEnd", lag);
                    used.reportAs(report, "", seconds);
                    stream.reportAs(report, "streamLag", "heartbeatRowUpdatesHotShare", streamFrom);

                    // Phase 2: the outage; the route's group already holds the first phase's notices, as a standing
                    // group_by rule would.
                    cpuBefore = cpu.sample();
                    streamFrom = stream.mark();
                    started = System.nanoTime();
                    report.put("burstHeartbeatsNotYetCommittedAtStop", heartbeatLag(kafka));
                    cadence.stopAfterNextHeartbeat(burst);
                    awaitReported(
                            burst,
                            findings,
                            receiver,
                            Instant.now().plus(CADENCE).plus(THRESHOLD).plus(SETTLE));
                    seconds = (System.nanoTime() - started) / 1e9;
                    used = cpu.sample().minus(cpuBefore);
                    reportPhase(report, "burst", burst, cadence, findings, receiver);
                    printTimeline(burst, cadence, findings, receiver, stack.url(CoverwatchService.NOTIFICATION));
                    report.put("burstHeartbeatsNotYetCommittedAtEnd", heartbeatLag(kafka));
                    report.put("burstLastHeartbeatsSpreadMillis", spreadMillis(cadence.lastHeartbeats(), burst));
                    used.reportAs(report, "burst", seconds);
                    stream.reportAs(report, "burstStreamLag", "burstHeartbeatRowUpdatesHotShare", streamFrom);
                    report.put("heartbeatsSent", cadence.sent());
                }
                List<String> problems = problems(watched, findings, receiver);
                report.put("problems", problems);
                report.write(workspace.resultsDir());
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(
                            "detection reported late or wrongly: " + String.join("; ", problems));
                }
            } finally {
                stack.close();
                stack.infra().deleteData();
            }
        }
    }

    /** Waits until every machine's finding and notice arrived, or the deadline passed. */
    private static void awaitReported(
            Set<Integer> machines, FindingWatch findings, WebhookReceiver receiver, Instant deadline)
            throws InterruptedException {
        while (Instant.now().isBefore(deadline)
                && (!findings.openedAt().keySet().containsAll(machines)
                        || !receiver.receivedAt().keySet().containsAll(machines))) {
            Thread.sleep(500);
        }
    }

    /** One phase's latencies from each machine's threshold crossing, under {@code prefix}. */
    private static void reportPhase(
            Report report,
            String prefix,
            Set<Integer> machines,
            Cadence cadence,
            FindingWatch findings,
            WebhookReceiver receiver) {
        Map<Integer, Instant> crossings = crossings(machines, cadence);
        Latencies.between(crossings, findings.openedAt()).reportAs(report, named(prefix, "finding"));
        // Where the finding's time went: until evaluation-service's sweep found the machine silent (the finding's
        // first-seen time), then until its event reached a consumer.
        Latencies.between(crossings, findings.firstSeen()).reportAs(report, named(prefix, "sweep"));
        Latencies.between(only(findings.firstSeen(), machines), only(findings.openedAt(), machines))
                .reportAs(report, named(prefix, "publish"));
        report.put(named(prefix, "findingGoalP99Millis"), 2_000);
        Latencies.between(crossings, receiver.receivedAt()).reportAs(report, named(prefix, "webhook"));
        report.put(named(prefix, "webhookGoalP99Millis"), 5_000);
        report.put(named(prefix, "webhookMessages"), receiver.messages());
    }

    /**
     * Where a phase's time went after the findings, printed for reading (not a figure): the findings reaching Kafka
     * per second from the first crossing, and every message of the phase, when notification-service decided it (its
     * delivery's {@code createdAt}), when the receiver got it, its attempts, how many firing notices it carried and
     * how many of them were the phase's machines told for the first time.
     */
    private static void printTimeline(
            Set<Integer> machines, Cadence cadence, FindingWatch findings, WebhookReceiver receiver, URI notification)
            throws Exception {
        Instant crossed = crossings(machines, cadence).values().stream()
                .min(Instant::compareTo)
                .orElseThrow();
        Map<Long, Long> perSecond = new TreeMap<>();
        machines.stream()
                .map(findings.openedAt()::get)
                .filter(Objects::nonNull)
                .forEach(at -> perSecond.merge(Duration.between(crossed, at).toSeconds(), 1L, Long::sum));
        System.out.println("findings on Kafka per second after the crossing: " + perSecond);
        JsonNode deliveries =
                ContractsJson.fromJson(Rest.get(notification.resolve("/api/deliveries?size=1000")), JsonNode.class);
        Map<String, JsonNode> byId = new HashMap<>();
        deliveries.forEach(each -> byId.put(each.path("id").asText(), each));
        Set<String> told = new HashSet<>();
        System.out.println("message: decided / received (s after the crossing), attempts, firing, new");
        for (WebhookReceiver.Received message : receiver.log()) {
            if (message.at().isBefore(crossed.minusSeconds(5))) {
                told.addAll(message.firing());
                continue;
            }
            JsonNode delivery = byId.get(message.deliveryId());
            String decided = delivery == null
                    ? "?"
                    : secondsAfter(
                            crossed, Instant.parse(delivery.path("createdAt").asText()));
            int before = told.size();
            told.addAll(message.firing());
            System.out.printf(
                    "  %s %s / %s, %s, %d, %d%n",
                    message.deliveryId(),
                    decided,
                    secondsAfter(crossed, message.at()),
                    delivery == null ? "?" : delivery.path("attempts").asText(),
                    message.firing().size(),
                    told.size() - before);
        }
    }

    /** When each machine crosses its threshold: its last heartbeat plus the threshold. */
    private static Map<Integer, Instant> crossings(Set<Integer> machines, Cadence cadence) {
        Map<Integer, Instant> crossings = new HashMap<>();
        cadence.lastHeartbeats().forEach((machine, last) -> {
            if (machines.contains(machine)) {
                crossings.put(machine, last.plus(THRESHOLD));
            }
        });
        return crossings;
    }

    /** {@code at} as seconds after {@code from}, to the hundredth. */
    private static String secondsAfter(Instant from, Instant at) {
        return String.format("%.2f", Duration.between(from, at).toMillis() / 1000.0);
    }

    private static String named(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Map<Integer, Instant> only(Map<Integer, Instant> times, Set<Integer> machines) {
        Map<Integer, Instant> selected = new HashMap<>();
        times.forEach((machine, at) -> {
            if (machines.contains(machine)) {
                selected.put(machine, at);
            }
        });
        return selected;
    }

    /** How far apart the machines' last heartbeats lie: a burst's must lie within one slice (100 ms). */
    private static long spreadMillis(Map<Integer, Instant> lastHeartbeats, Set<Integer> machines) {
        List<Instant> last = machines.stream()
                .map(lastHeartbeats::get)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
        return last.isEmpty()
                ? -1
                : Duration.between(last.get(0), last.get(last.size() - 1)).toMillis();
    }

    /**
     * What makes the run's answer wrong, however fast: a stopped machine without exactly one finding or with notices of
     * other than one finding, a machine that kept heartbeating reported silent, a message accepted twice.
     */
    private static void countBy(
            Set<Integer> stopped, ToIntFunction<Integer> count, String what, List<String> problems) {
        long none = stopped.stream()
                .filter(machine -> count.applyAsInt(machine) == 0)
                .count();
        long several = stopped.stream()
                .filter(machine -> count.applyAsInt(machine) > 1)
                .count();
        if (none > 0) {
            problems.add(none + " stopped machines without a " + what + " by the deadline (late)");
        }
        if (several > 0) {
            problems.add(several + " stopped machines with more than one " + what);
        }
    }

    private static List<String> problems(Set<Integer> stopped, FindingWatch findings, WebhookReceiver receiver) {
        List<String> problems = new ArrayList<>();
        // None by the deadline is too late; more than one is wrong: both fail the run, and say which they are.
        countBy(
                stopped,
                machine -> findings.findingIds().getOrDefault(machine, Set.of()).size(),
                "finding",
                problems);
        countBy(
                stopped,
                machine -> receiver.noticeKeys().getOrDefault(machine, Set.of()).size(),
                "notice",
                problems);
        long healthyFound = findings.findingIds().keySet().stream()
                .filter(machine -> !stopped.contains(machine))
                .count();
        long healthyTold = receiver.noticeKeys().keySet().stream()
                .filter(machine -> !stopped.contains(machine))
                .count();
        if (healthyFound + healthyTold > 0) {
            problems.add(healthyFound + " heartbeating machines with a finding, " + healthyTold + " told");
        }
        long repeated = receiver.repeatedDeliveries();
        if (repeated > 0) {
            problems.add(repeated + " messages accepted twice");
        }
        return problems;
    }

    /** Heartbeats on the topic that evaluation-service has not committed yet. */
    private static long heartbeatLag(BenchKafka kafka) throws Exception {
        return kafka.endOffset(Topics.HEARTBEATS) - kafka.committed("evaluation-service", Topics.HEARTBEATS);
    }

    /** One notification channel (the receiver) and a route that sends each new AMA-down within a second or so. */
    private static void subscribe(URI notification, URI receiver) throws Exception {
        Rest.post(
                notification.resolve("/api/channels"),
                "{\"name\":\"bench-soc\",\"kind\":\"webhook\",\"url\":\"" + receiver
                        + "\",\"signingSecret\":\"bench-signing-secret\"}");
        Rest.put(
                notification.resolve("/api/routes"),
                "{\"route\":{\"receiver\":\"*\",\"group_by\":[\"rule\"],\"group_wait\":\"1s\","
                        + "\"group_interval\":\"1s\",\"repeat_interval\":\"4h\"}}");
    }

    /**
     * The estate's agents: every 100 ms one six-hundredth of the machines sends a heartbeat stamped now, so each
     * machine heartbeats once a minute. A stopped machine sends nothing more; its last heartbeat time is kept.
     */
    private static final class Cadence implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final Estate estate;
        private final Set<Integer> watched;
        private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();
        private final Set<Integer> stopAfterHeartbeat = ConcurrentHashMap.newKeySet();
        private final Map<Integer, Instant> lastHeartbeats = new ConcurrentHashMap<>();
        private final AtomicLong sent = new AtomicLong();
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        private long tick;

        Cadence(KafkaProducer<String, byte[]> producer, Estate estate, Set<Integer> watched) {
            this.producer = producer;
            this.estate = estate;
            this.watched = watched;
            long period = CADENCE.toMillis() / TICKS_PER_CADENCE;
            ticks.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            int slice = (int) (tick++ % TICKS_PER_CADENCE);
            Instant now = Instant.now();
            for (int machine = slice; machine < estate.machines(); machine += TICKS_PER_CADENCE) {
                if (stopped.contains(machine)) {
                    continue;
                }
                producer.send(estate.heartbeat(machine, now).producerRecord());
                sent.incrementAndGet();
                if (watched.contains(machine)) {
                    lastHeartbeats.put(machine, now);
                }
                if (stopAfterHeartbeat.remove(machine)) {
                    stopped.add(machine);
                }
            }
        }

        void stop(Set<Integer> machines) {
            stopped.addAll(machines);
        }

        /** The machines send one more heartbeat each, in their slice's next tick, and then stop. */
        void stopAfterNextHeartbeat(Set<Integer> machines) {
            stopAfterHeartbeat.addAll(machines);
        }

        Map<Integer, Instant> lastHeartbeats() {
            return lastHeartbeats;
        }

        long sent() {
            return sent.get();
        }

        @Override
        public void close() throws InterruptedException {
            ticks.shutdown();
            ticks.awaitTermination(10, TimeUnit.SECONDS);
            producer.close();
        }
    }
}
