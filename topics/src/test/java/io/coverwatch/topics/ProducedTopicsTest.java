package io.coverwatch.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.localinfra.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real broker that auto-creates topics (as the local one and a default Kafka do): evaluation-service's
 * consumer asks for the resources topic before inventory-service has started, and inventory must still start with
 * its resources topic compacted.
 */
class ProducedTopicsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static KafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Path.of("target", "kafka", UUID.randomUUID().toString()));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aResourcesTopicAConsumerAutoCreatedIsTakenAsThereAndSwitchedToCompaction() throws Exception {
        String resources = unique("coverwatch.inventory.resources");
        String heartbeats = unique("coverwatch.inventory.heartbeats");
        autoCreateByConsuming(resources);
        assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanupPolicy(resources));

        ProducedTopics.Changes changes =
                ProducedTopics.ensure(admin, List.of(compacted(resources), plain(heartbeats)), TIMEOUT);

        assertEquals(Set.of(heartbeats), changes.created());
        assertEquals(Set.of(resources), changes.reconfigured());
        assertEquals(Map.of(), changes.otherPartitionCounts());
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, policyOnceSettled(resources));
        assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanupPolicy(heartbeats));
        assertEquals(4, describe(resources).partitions().size());
    }

    @Test
    void creatingTheTopicsAgainChangesNothing() throws Exception {
        String resources = unique("coverwatch.inventory.resources");
        String findings = unique("coverwatch.evaluation.findings");
        List<NewTopic> wanted = List.of(compacted(resources), plain(findings));
        assertEquals(
                Set.of(resources, findings),
                ProducedTopics.ensure(admin, wanted, TIMEOUT).created());
        TopicDescription before = describe(resources);

        ProducedTopics.Changes again = ProducedTopics.ensure(admin, wanted, TIMEOUT);

        assertEquals(new ProducedTopics.Changes(Set.of(), Set.of(), Map.of()), again);
        assertEquals(before.topicId(), describe(resources).topicId(), "the topic was not created anew");
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(resources));
    }

    @Test
    void twoInstancesStartingAtOnceBothStartAndTheTopicIsCreatedOnce() throws Exception {
        String findings = unique("coverwatch.evaluation.findings");
        CountDownLatch ready = new CountDownLatch(2);
        Callable<ProducedTopics.Changes> instance = () -> {
            ready.countDown();
            ready.await();
            return ProducedTopics.ensure(admin, List.of(plain(findings)), TIMEOUT);
        };
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<ProducedTopics.Changes>> starts = executor.invokeAll(List.of(instance, instance));
            int created = 0;
            for (Future<ProducedTopics.Changes> start : starts) {
                created += start.get().created().size();
            }
            assertEquals(1, created);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * CI once saw inventory-service fail to start: evaluation-service's consumer auto-created the resources topic just
     * as inventory created it ({@code TopicExistsException}), and the broker did not know the topic yet when inventory
     * asked for its configuration. Many rounds of the two at once give that moment its chance.
     */
    @Test
    void aConsumerAutoCreatingTheTopicAtTheSameMomentLeavesItCompactedRoundAfterRound() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                String resources = unique("coverwatch.inventory.resources");
                CountDownLatch ready = new CountDownLatch(2);
                Callable<ProducedTopics.Changes> inventory = () -> {
                    ready.countDown();
                    ready.await();
                    return ProducedTopics.ensure(admin, List.of(compacted(resources)), TIMEOUT);
                };
                Callable<ProducedTopics.Changes> evaluation = () -> {
                    ready.countDown();
                    ready.await();
                    autoCreateByConsuming(resources);
                    return null;
                };
                for (Future<ProducedTopics.Changes> start : executor.invokeAll(List.of(inventory, evaluation))) {
                    start.get();
                }
                assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, policyOnceSettled(resources), "round " + round);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anExistingTopicKeepsItsPartitionCountAndTheDifferenceIsReported() throws Exception {
        String heartbeats = unique("coverwatch.inventory.heartbeats");
        autoCreateByConsuming(heartbeats);

        ProducedTopics.Changes changes =
                ProducedTopics.ensure(admin, List.of(new NewTopic(heartbeats, 8, (short) 1)), TIMEOUT);

        assertEquals(Map.of(heartbeats, 4), changes.otherPartitionCounts());
        assertEquals(4, describe(heartbeats).partitions().size());
    }

    /** The topic names of the seeds' services, made unique per test on the one broker. */
    private static String unique(String topic) {
        return topic + "." + UUID.randomUUID();
    }

    private static NewTopic plain(String name) {
        return new NewTopic(name, 4, (short) 1);
    }

    private static NewTopic compacted(String name) {
        return plain(name).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** A consumer's metadata request auto-creates the topic with the broker's defaults (4 partitions, delete). */
    private static void autoCreateByConsuming(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        true),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.partitionsFor(topic, TIMEOUT);
        }
    }

    /**
     * The topic's cleanup policy once a switch to compaction has reached the broker, or what it still says after 5 s.
     * The controller acknowledges the switch once it has committed it, and the broker answers {@code describeConfigs}
     * from its own copy of the metadata, which takes the change a moment later: read at once, the round-after-round
     * test saw {@code delete} twice in two hundred-round runs (rounds 28 and 75). A switch never made still reads
     * {@code delete} after 5 s, and fails.
     */
    private static String policyOnceSettled(String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String policy = cleanupPolicy(topic);
        while (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            policy = cleanupPolicy(topic);
        }
        return policy;
    }

    /**
     * The topic's cleanup policy, once the broker knows the topic (a moment after a consumer auto-created it): asked
     * again as {@link ProducedTopics} does, for at most 5 s.
     */
    private static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        return ProducedTopics.untilKnown(deadline, () -> admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                .value());
    }

    private static TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }
}
