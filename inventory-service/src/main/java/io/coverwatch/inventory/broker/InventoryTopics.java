package io.coverwatch.inventory.broker;

import io.coverwatch.contracts.Topics;
import io.coverwatch.inventory.InventoryConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics inventory produces before anything is sent. The resources topic is log-compacted: it carries
 * each resource's full state, so the latest record per key is all a new consumer needs to rebuild. A topic that a
 * consumer's metadata request auto-created first is switched to compaction instead. Heartbeats and security (Defender
 * assessments, security signals) are streams of facts, several per key: not compacted.
 */
@ApplicationScoped
class InventoryTopics {

    private static final long TIMEOUT_SECONDS = 30;

    void create(
            @Observes StartupEvent start,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            InventoryConfig config)
            throws InterruptedException, ExecutionException, TimeoutException {
        InventoryConfig.Topics topics = config.topics();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers")))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, String> compacted =
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            List<NewTopic> missing = List.of(
                            new NewTopic(Topics.RESOURCES, topics.partitions(), topics.replicationFactor())
                                    .configs(compacted),
                            new NewTopic(Topics.HEARTBEATS, topics.partitions(), topics.replicationFactor()),
                            new NewTopic(Topics.SECURITY, topics.partitions(), topics.replicationFactor()))
                    .stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            Set<String> alreadyThere = new HashSet<>(existing);
            for (Map.Entry<String, KafkaFuture<Void>> created :
                    admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // A consumer's metadata request may auto-create a topic between the listing and here.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    alreadyThere.add(created.getKey());
                }
            }
            if (alreadyThere.contains(Topics.RESOURCES)) {
                ConfigResource resources = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RESOURCES);
                AlterConfigOp compact = new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                        AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(resources, List.of(compact)))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }
}
