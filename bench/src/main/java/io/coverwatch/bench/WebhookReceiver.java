package io.coverwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.coverwatch.contracts.ContractsJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP receiver standing for Slack: it takes notification-service's generic webhook messages (JSON, every
 * firing notice with its resource) on 127.0.0.1, notes when each machine's notice of one rule first arrived, and logs
 * every request with the answer it got. It answers 200 unless told to answer otherwise (the fault drills' outages).
 */
final class WebhookReceiver implements AutoCloseable {

    /** What the receiver answers: a status, and a {@code Retry-After} in seconds when positive. */
    record Answer(int status, long retryAfterSeconds) {
        static final Answer OK = new Answer(200, 0);

        boolean accepted() {
            return status / 100 == 2;
        }
    }

    /**
     * One request as it arrived: its {@code X-Coverwatch-Delivery}, group key, the identities of its firing notices
     * (kind, rule and resource) in the message's order, and what the receiver answered.
     */
    record Received(Instant at, String deliveryId, String groupKey, List<String> firing, Answer answer) {}

    private final HttpServer server;
    private final Map<Integer, Instant> receivedAt = new ConcurrentHashMap<>();
    private final Map<Integer, Set<String>> noticeKeys = new ConcurrentHashMap<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final List<Received> log = new ArrayList<>();
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);
    private volatile Answer answer = Answer.OK;

    WebhookReceiver(String ruleId) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            Instant now = Instant.now();
            JsonNode message = ContractsJson.fromBytes(exchange.getRequestBody().readAllBytes(), JsonNode.class);
            Answer current = answer;
            List<String> firing = new ArrayList<>();
            for (JsonNode notice : message.path("firing")) {
                firing.add(identity(notice));
            }
            synchronized (log) {
                log.add(new Received(
                        now,
                        exchange.getRequestHeaders().getFirst("X-Coverwatch-Delivery"),
                        message.path("groupKey").asText(),
                        List.copyOf(firing),
                        current));
            }
            if (current.accepted()) {
                messages.incrementAndGet();
                for (JsonNode notice : message.path("firing")) {
                    if (ruleId.equals(notice.path("ruleId").asText())) {
                        int machine =
                                Estate.machineIndex(notice.path("resourceId").asText());
                        receivedAt.putIfAbsent(machine, now);
                        noticeKeys
                                .computeIfAbsent(machine, any -> ConcurrentHashMap.newKeySet())
                                .add(notice.path("key").asText());
                    }
                }
            }
            if (current.retryAfterSeconds() > 0) {
                exchange.getResponseHeaders().add("Retry-After", Long.toString(current.retryAfterSeconds()));
            }
            exchange.sendResponseHeaders(current.status(), -1);
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    /** A notice's identity across messages: its kind, rule and resource (resource IDs compare ignoring case). */
    static String identity(JsonNode notice) {
        return notice.path("kind").asText() + "|" + notice.path("ruleId").asText() + "|"
                + notice.path("resourceId").asText().toLowerCase(Locale.ROOT);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** From now on, answer every request with {@code status} (and {@code Retry-After} when not zero). */
    void answer(int status, Duration retryAfter) {
        this.answer = new Answer(status, retryAfter.toSeconds());
    }

    /** Every request so far, in arrival order. */
    List<Received> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The identities of every firing notice the receiver accepted. */
    Set<String> acceptedNotices() {
        Set<String> notices = new LinkedHashSet<>();
        log().stream().filter(r -> r.answer().accepted()).forEach(r -> notices.addAll(r.firing()));
        return notices;
    }

    /** When each machine's notice first arrived, by machine index. */
    Map<Integer, Instant> receivedAt() {
        return receivedAt;
    }

    /**
     * The keys (finding IDs) of the rule's firing notices per machine, over every accepted message. A group's later
     * messages repeat the notices it already told, so a machine's notice counts once per key: two keys are two findings
     * told for one machine.
     */
    Map<Integer, Set<String>> noticeKeys() {
        return noticeKeys;
    }

    /** How many accepted messages carried a delivery ID an earlier accepted message had: messages sent twice. */
    long repeatedDeliveries() {
        Set<String> seen = new HashSet<>();
        return log().stream()
                .filter(r -> r.answer().accepted() && r.deliveryId() != null)
                .filter(r -> !seen.add(r.deliveryId()))
                .count();
    }

    int messages() {
        return messages.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
