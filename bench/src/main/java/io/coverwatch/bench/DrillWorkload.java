package io.coverwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The fault drills' workload, whose answer is known: an {@link Estate} of monitored machines posted through
 * {@code POST /api/resources}, every machine heartbeating through {@code POST /api/heartbeats} every few seconds, and
 * during each drill a stream of machines losing their Azure Monitor Agent extension, one at a time, round-robin over
 * the subscriptions. Each machine whose change was acknowledged (2xx) must have exactly one open finding of each of
 * {@link #RULES}, each reaching the webhook as a firing notice; nothing else on the estate may be found. Notices are grouped
 * by subscription, so each group receives a message per new finding, each message carrying the group's firing notices:
 * a group's findings only grow, and a message that carries fewer than one received before it arrived out of order.
 */
final class DrillWorkload implements AutoCloseable {

    /** What a machine without its agent extension fails: no monitoring agent at all, and so not monitored. */
    static final List<String> RULES = List.of("CW-MON-LA-AGENT", "CW-MON-NOT-MONITORED");

    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration BASELINE_WAIT = Duration.ofSeconds(30);
    /** How long the stream runs before a fault and after it ends: the fault lands mid-stream. */
    private static final Duration LEAD = Duration.ofSeconds(5);

    private final LocalStack stack;
    private final Estate estate;
    private final WebhookReceiver receiver;
    private final Duration changeEvery;
    private final Duration settle;
    private final Set<Integer> broken = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextChange = new AtomicInteger();
    private final Map<Integer, Instant> heartbeatAcknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    DrillWorkload(LocalStack stack, Estate estate, WebhookReceiver receiver, Duration changeEvery, Duration settle) {
        this.stack = stack;
        this.estate = estate;
        this.receiver = receiver;
        this.changeEvery = changeEvery;
        this.settle = settle;
    }

    /**
     * The channel and route, the estate, heartbeats from every machine, and the baseline: once evaluation has seen every
     * machine heartbeat, the estate has no finding at all.
     */
    void setUp() throws Exception {
        URI notification = stack.url(CoverwatchService.NOTIFICATION);
        Rest.post(
                notification.resolve("/api/channels"),
                "{\"name\":\"drill-webhook\",\"kind\":\"webhook\",\"url\":\"" + receiver.url()
                        + "\",\"signingSecret\":\"drill-signing-secret\"}");
        Rest.put(
                notification.resolve("/api/routes"),
                "{\"route\":{\"receiver\":\"*\",\"group_by\":[\"subscription\"],\"group_wait\":\"1s\","
                        + "\"group_interval\":\"2s\",\"repeat_interval\":\"4h\"}}");
        List<AzureResource> resources = new ArrayList<>();
        IntStream.range(0, estate.subscriptions()).forEach(s -> {
            resources.add(Estate.subscription(s));
            resources.add(Estate.dataCollectionRule(s));
        });
        IntStream.range(0, estate.machines()).forEach(m -> resources.add(estate.machine(m)));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> posts = new ArrayList<>();
        for (AzureResource resource : resources) {
            posts.add(clients.submit(() -> {
                postUntilAcknowledged(resourcesUri(), ContractsJson.toJson(resource));
                return null;
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        clients.shutdown();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Instant deadline = Instant.now().plus(settle);
        while (heartbeatsLost() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1_000);
        }
        Thread.sleep(BASELINE_WAIT.toMillis());
        Map<String, Integer> found = findings();
        if (!found.isEmpty() || heartbeatsLost() > 0) {
            throw new IllegalStateException("the estate is not healthy before any drill (its known answer is no"
                    + " finding): findings " + found.keySet() + ", machines without their heartbeat stored "
                    + heartbeatsLost());
        }
        System.out.printf(
                "Estate up: %d machines in %d subscriptions, healthy, heartbeating every %s.%n",
                estate.machines(), estate.subscriptions(), HEARTBEAT_EVERY);
    }

    /**
     * Runs one drill: the stream of changes starts, the fault comes mid-stream, the stream stops shortly after the
     * fault is over; then the drill waits for the answer to be complete (at most the settle time) and counts.
     */
    FaultDrills.DrillResult drill(String name, FaultDrills.Fault fault) throws Exception {
        int firstMessage = receiver.log().size();
        int refusedBefore = refused.get();
        int brokenBefore = broken.size();
        Instant started = Instant.now();
        Instant faultEnded;
        try (ChangeStream stream = new ChangeStream()) {
            Thread.sleep(LEAD.toMillis());
            fault.inject();
            faultEnded = Instant.now();
            Thread.sleep(LEAD.toMillis());
        }
        Instant deadline = Instant.now().plus(settle);
        Answer answer = answer(firstMessage);
        while (!answer.complete() && Instant.now().isBefore(deadline)) {
            Thread.sleep(2_000);
            answer = answer(firstMessage);
        }
        Instant end = Instant.now();
        String detail = String.format(
                "%d changes, %d findings expected in all, %d requests refused and retried, %d unexpected findings,"
                        + " %d findings missing, %d notices missing, %d heartbeats lost",
                broken.size() - brokenBefore,
                broken.size() * RULES.size(),
                refused.get() - refusedBefore,
                answer.unexpected,
                answer.findingsMissing,
                answer.noticesMissing,
                answer.heartbeatsLost);
        return new FaultDrills.DrillResult(
                name,
                Duration.between(started, end),
                answer.messages,
                answer.duplicates + answer.unexpected,
                answer.findingsMissing + answer.noticesMissing + answer.heartbeatsLost,
                answer.inversions,
                Duration.between(faultEnded, end),
                answer.complete(),
                detail);
    }

    /** What the stack shows against the known answer, counting the receiver's log from {@code firstMessage}. */
    private Answer answer(int firstMessage) throws Exception {
        Answer answer = new Answer();
        Map<String, Integer> found = findings();
        Set<String> expectedNotices = new HashSet<>();
        for (int machine : broken) {
            String key = AzureResource.normalizeId(estate.machineId(machine));
            for (String rule : RULES) {
                Integer count = found.remove(rule + "|" + key);
                if (count == null) {
                    answer.findingsMissing++;
                } else if (count > 1) {
                    answer.duplicates += count - 1;
                }
                expectedNotices.add("FINDING|" + rule + "|" + key);
            }
        }
        answer.unexpected = found.size();
        expectedNotices.removeAll(receiver.acceptedNotices());
        answer.noticesMissing = expectedNotices.size();
        answer.heartbeatsLost = heartbeatsLost();

        List<WebhookReceiver.Received> log = receiver.log();
        Set<String> deliveries = new HashSet<>();
        Map<String, String> deliveryOfContent = new HashMap<>();
        Map<String, Set<String>> toldPerGroup = new HashMap<>();
        for (int i = 0; i < log.size(); i++) {
            WebhookReceiver.Received received = log.get(i);
            if (!received.answer().accepted()) {
                continue;
            }
            boolean counted = i >= firstMessage;
            String content = received.groupKey() + "|" + new TreeSet<>(received.firing());
            String earlier = deliveryOfContent.putIfAbsent(content, received.deliveryId());
            boolean repeated = !deliveries.add(received.deliveryId())
                    || (earlier != null && !earlier.equals(received.deliveryId()));
            Set<String> findings = new HashSet<>();
            // Only the drills' own findings, which never resolve: a group's set of them only grows.
            received.firing().stream()
                    .filter(notice -> RULES.stream().anyMatch(rule -> notice.startsWith("FINDING|" + rule + "|")))
                    .forEach(findings::add);
            Set<String> told = toldPerGroup.computeIfAbsent(received.groupKey(), g -> new HashSet<>());
            boolean inverted = !findings.containsAll(told);
            told.addAll(findings);
            if (counted) {
                answer.messages++;
                answer.duplicates += repeated ? 1 : 0;
                answer.inversions += inverted ? 1 : 0;
            }
        }
        return answer;
    }

    /** Open findings on the estate's resources, by rule and resource key, with how often each is listed. */
    private Map<String, Integer> findings() throws Exception {
        Map<String, Integer> found = new HashMap<>();
        URI evaluation = stack.url(CoverwatchService.EVALUATION);
        for (int s = 0; s < estate.subscriptions(); s++) {
            // One subscription holds far fewer than a page of 1,000: one request sees them all at once.
            JsonNode page = ContractsJson.fromBytes(
                    Rest.get(evaluation.resolve(
                                    "/api/findings?status=open&size=1000&subscription=" + Estate.subscriptionId(s)))
                            .getBytes(),
                    JsonNode.class);
            for (JsonNode finding : page) {
                found.merge(
                        finding.path("ruleId").asText() + "|"
                                + AzureResource.normalizeId(
                                        finding.path("resourceId").asText()),
                        1,
                        Integer::sum);
            }
        }
        return found;
    }

    /** Machines whose acknowledged heartbeat evaluation-service has not stored (yet). */
    private int heartbeatsLost() throws Exception {
        Map<String, Instant> stored = new HashMap<>();
        var postgres = stack.infra().postgres();
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select resource_key, last_ama from evaluation.agent_heartbeat")) {
            while (rows.next()) {
                Timestamp lastAma = rows.getTimestamp(2); // null until the machine's first AMA heartbeat
                if (lastAma != null) {
                    stored.put(rows.getString(1), lastAma.toInstant());
                }
            }
        }
        int lost = 0;
        for (int machine = 0; machine < estate.machines(); machine++) {
            Instant acknowledged = heartbeatAcknowledged.get(machine);
            Instant last = stored.get(AzureResource.normalizeId(estate.machineId(machine)));
            if (acknowledged != null && (last == null || last.isBefore(acknowledged))) {
                lost++;
            }
        }
        return lost;
    }

    /** One batch of Log Analytics Heartbeat rows, one per machine, stamped now; noted per machine once acknowledged. */
    private void heartbeat() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StringBuilder rows = new StringBuilder("[");
        for (int machine = 0; machine < estate.machines(); machine++) {
            rows.append(machine == 0 ? "" : ",")
                    .append("{\"TimeGenerated\":\"")
                    .append(now)
                    .append("\",\"Computer\":\"")
                    .append(Estate.computer(machine))
                    .append("\",\"Category\":\"Azure Monitor Agent\",\"OSType\":\"Windows\",\"Version\":\"1.33.2\","
                            + "\"_ResourceId\":\"")
                    .append(estate.machineId(machine))
                    .append("\"}");
        }
        try {
            Rest.post(
                    stack.url(CoverwatchService.INVENTORY).resolve("/api/heartbeats"),
                    rows.append("]").toString());
            IntStream.range(0, estate.machines()).forEach(machine -> heartbeatAcknowledged.put(machine, now));
        } catch (Exception e) {
            refused.incrementAndGet(); // not acknowledged: nothing is owed; the next batch is newer anyway
        }
    }

    /** Posts until a 2xx, as a client that was refused (a 5xx, a dead or stopped service) tries again. */
    private void postUntilAcknowledged(URI uri, String json) throws InterruptedException {
        while (true) {
            try {
                Rest.post(uri, json);
                return;
            } catch (Exception e) {
                refused.incrementAndGet();
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private URI resourcesUri() {
        return stack.url(CoverwatchService.INVENTORY).resolve("/api/resources");
    }

    @Override
    public void close() throws InterruptedException {
        heartbeats.shutdownNow();
        heartbeats.awaitTermination(70, TimeUnit.SECONDS);
    }

    /** A drill's figures as the stack shows them now. */
    private static final class Answer {
        int messages;
        int duplicates;
        int inversions;
        int unexpected;
        int findingsMissing;
        int noticesMissing;
        int heartbeatsLost;

        boolean complete() {
            return unexpected == 0 && findingsMissing == 0 && noticesMissing == 0 && heartbeatsLost == 0;
        }
    }

    /**
     * Machines losing their agent extension, one every {@code changeEvery}, the next subscription each time; each
     * change is posted until acknowledged, so the stream never skips one. Closing it lets the change in flight finish.
     */
    private final class ChangeStream implements AutoCloseable {

        private volatile boolean running = true;
        private final Thread thread = new Thread(this::run, "drill-changes");

        ChangeStream() {
            thread.start();
        }

        private void run() {
            try {
                while (running) {
                    int change = nextChange.getAndIncrement();
                    int machine = (change % estate.subscriptions()) * estate.machinesPerSubscription()
                            + change / estate.subscriptions();
                    if (machine >= estate.machines()) {
                        System.out.println("Every machine has lost its agent: the stream stops.");
                        return;
                    }
                    postUntilAcknowledged(resourcesUri(), ContractsJson.toJson(estate.machineWithoutAgent(machine)));
                    broken.add(machine);
                    Thread.sleep(changeEvery.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
