package io.coverwatch.bench;

import io.coverwatch.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads {@code coverwatch.inventory.resources} from the start, as evaluation-service does, and counts the resources
 * published: the distinct keys (a resource's lower-cased ID) of records that carry an event, not a tombstone; a
 * subscription, whose ID names no provider, is not counted. Notes when the count reached the expected one. The events
 * are not decoded: the key is all it needs, and this JVM shares the machine with the services it measures.
 */
final class ResourceWatch implements AutoCloseable {

    private final int expected;
    private final Set<String> keys = new HashSet<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile int published;
    private volatile Instant completeAt;
    private volatile boolean running = true;

    ResourceWatch(String bootstrap, int expected) {
        this.expected = expected;
        // A group of its own: a watch reads the topic from its start, whatever an earlier watch read.
        this.consumer = BenchKafka.fromStart(bootstrap, "bench-resource-watch-" + UUID.randomUUID(), Topics.RESOURCES);
        this.reader = new Thread(this::read, "resource-watch");
        reader.start();
    }

    /** The count it notes the time of. */
    int expected() {
        return expected;
    }

    /** Resources published so far. */
    int published() {
        return published;
    }

    /** When the expected number of resources had been published; null until then. */
    Instant completeAt() {
        return completeAt;
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.value() != null && record.key().contains("/providers/") && keys.add(record.key())) {
                    published = keys.size();
                    if (published == expected) {
                        completeAt = Instant.now();
                    }
                }
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
