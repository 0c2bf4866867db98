package io.coverwatch.bench;

import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads {@code coverwatch.evaluation.findings} as a downstream service would, from the start, and notes when each
 * machine's finding of one rule first opened (this JVM's clock, the one the bench's other timestamps use).
 */
final class FindingWatch implements AutoCloseable {

    private final String ruleId;
    private final Map<Integer, Instant> openedAt = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<Integer, Set<String>> findingIds = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    FindingWatch(String bootstrap, String ruleId) {
        this.ruleId = ruleId;
        this.consumer = BenchKafka.fromStart(bootstrap, "bench-finding-watch", Topics.FINDINGS);
        this.reader = new Thread(this::read, "finding-watch");
        reader.start();
    }

    /** When each machine's finding opened, by machine index. */
    Map<Integer, Instant> openedAt() {
        return openedAt;
    }

    /** The finding's own first-seen time (evaluation-service's clock when its rule failed), by machine index. */
    Map<Integer, Instant> firstSeen() {
        return firstSeen;
    }

    /**
     * The IDs of the findings opened per machine. A machine with two has had its finding opened twice (the rule the
     * runs check); an outbox row sent twice after a crash carries the same finding, so it is not counted twice.
     */
    Map<Integer, Set<String>> findingIds() {
        return findingIds;
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                Instant now = Instant.now();
                CloudEventCodec.decode(record.headers(), record.value())
                        .map(event -> event.data())
                        .filter(FindingOpened.class::isInstance)
                        .map(data -> ((FindingOpened) data).finding())
                        .filter(finding -> finding.ruleId().equals(ruleId))
                        .ifPresent(finding -> {
                            int machine = Estate.machineIndex(finding.resourceId());
                            openedAt.putIfAbsent(machine, now);
                            firstSeen.putIfAbsent(machine, finding.firstSeen());
                            findingIds
                                    .computeIfAbsent(machine, any -> ConcurrentHashMap.newKeySet())
                                    .add(finding.findingId());
                        });
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join();
    }
}
