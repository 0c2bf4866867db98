package io.coverwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.coverwatch.contracts.ContractsJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP receiver standing for Slack: it takes notification-service's generic webhook messages (JSON, every
 * firing notice with its resource) on 127.0.0.1 and notes when each machine's notice of one rule first arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<Integer, Instant> receivedAt = new ConcurrentHashMap<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);

    WebhookReceiver(String ruleId) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            Instant now = Instant.now();
            JsonNode message = ContractsJson.fromBytes(exchange.getRequestBody().readAllBytes(), JsonNode.class);
            messages.incrementAndGet();
            for (JsonNode notice : message.path("firing")) {
                if (ruleId.equals(notice.path("ruleId").asText())) {
                    receivedAt.putIfAbsent(
                            Estate.machineIndex(notice.path("resourceId").asText()), now);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** When each machine's notice first arrived, by machine index. */
    Map<Integer, Instant> receivedAt() {
        return receivedAt;
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
