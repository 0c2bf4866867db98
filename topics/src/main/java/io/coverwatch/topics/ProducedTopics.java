package io.coverwatch.topics;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics a service produces to ({@link TopicsConfig}) before its channels open, so that the services can
 * start in any order: a topic another service's consumer auto-created first is taken as there, and given the cleanup
 * policy it is configured with (a compacted topic auto-created with {@code delete} is switched to {@code compact}).
 */
@ApplicationScoped
class ProducedTopics {

    private static final Logger LOG = Logger.getLogger(ProducedTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What one start-up did: topics created, existing topics given their configured settings, counts left apart. */
    record Changes(Set<String> created, Set<String> reconfigured, Map<String, Integer> otherPartitionCounts) {}

    /** Before SmallRye Reactive Messaging opens the channels (at {@code LIBRARY_BEFORE}), whose clients auto-create. */
    void create(
            @Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent start,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            TopicsConfig config)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> wanted = topics(config);
        if (wanted.isEmpty()) {
            return;
        }
        // The whole client configuration: on a cluster that takes SASL logins the admin needs them as well.
        Map<String, Object> adminConfig = kafka.entrySet().stream()
                .filter(entry -> AdminClientConfig.configNames().contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        try (Admin admin = Admin.create(adminConfig)) {
            Changes changes = ensure(admin, wanted, TIMEOUT);
            if (!changes.created().isEmpty()) {
                LOG.infof("Created topics %s", changes.created());
            }
            if (!changes.reconfigured().isEmpty()) {
                LOG.infof("Gave existing topics their configured cleanup policy: %s", changes.reconfigured());
            }
            changes.otherPartitionCounts()
                    .forEach((topic, partitions) -> LOG.warnf(
                            "Topic %s has %d partitions, not the configured %d; left so, since a key's partition (and"
                                    + " its order) would move",
                            topic, partitions, config.produced().get(topic).partitions()));
        }
    }

    private static List<NewTopic> topics(TopicsConfig config) {
        return new TreeMap<>(config.produced())
                .entrySet().stream()
                        .map(entry -> {
                            NewTopic topic = new NewTopic(
                                    entry.getKey(), entry.getValue().partitions(), config.replicationFactor());
                            return entry.getValue().compacted()
                                    ? topic.configs(Map.of(
                                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                                    : topic;
                        })
                        .toList();
    }

    /**
     * Creates the topics of {@code wanted} that are missing and sets the configuration each asks for on those that
     * exist; running it again changes nothing. An existing topic keeps its partition count: one that differs from
     * the wanted count is reported, not changed.
     */
    static Changes ensure(Admin admin, Collection<NewTopic> wanted, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long seconds = timeout.toSeconds();
        Set<String> existing = admin.listTopics().names().get(seconds, TimeUnit.SECONDS);
        List<NewTopic> missing = wanted.stream()
                .filter(topic -> !existing.contains(topic.name()))
                .toList();
        Set<String> created = new TreeSet<>();
        for (Map.Entry<String, KafkaFuture<Void>> creation :
                admin.createTopics(missing).values().entrySet()) {
            try {
                creation.getValue().get(seconds, TimeUnit.SECONDS);
                created.add(creation.getKey());
            } catch (ExecutionException e) {
                // Another service's consumer (or another instance) may create it between the listing and here.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        List<NewTopic> present =
                wanted.stream().filter(topic -> !created.contains(topic.name())).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        return new Changes(
                created,
                untilKnown(deadline, () -> reconfigure(admin, present, seconds)),
                untilKnown(deadline, () -> otherPartitionCounts(admin, present, seconds)));
    }

    /** One step on topics the broker may not know yet. */
    interface TopicStep<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * Runs {@code step} again while the broker answers with a retriable error, until {@code deadline}: a topic another
     * client has just created (the {@link TopicExistsException} above) can be unknown to the broker's metadata for a
     * moment, and describing it then fails with {@code UnknownTopicOrPartitionException}.
     */
    static <T> T untilKnown(long deadline, TopicStep<T> step)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                return step.run();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debugf("Topics not known to the broker yet (%s); asking again", e.getCause());
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Sets on each existing topic the settings it is wanted with (its cleanup policy) where they differ. */
    private static Set<String> reconfigure(Admin admin, List<NewTopic> present, long seconds)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<ConfigResource, Map<String, String>> wanted = new HashMap<>();
        present.stream()
                .filter(topic -> topic.configs() != null && !topic.configs().isEmpty())
                .forEach(topic ->
                        wanted.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic.configs()));
        if (wanted.isEmpty()) {
            return Set.of();
        }
        Map<ConfigResource, Config> current =
                admin.describeConfigs(wanted.keySet()).all().get(seconds, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        wanted.forEach((topic, configs) -> {
            List<AlterConfigOp> differing = new ArrayList<>();
            configs.forEach((name, value) -> {
                ConfigEntry entry = current.get(topic).get(name);
                if (entry == null || !Objects.equals(entry.value(), value)) {
                    differing.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!differing.isEmpty()) {
                changes.put(topic, differing);
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(seconds, TimeUnit.SECONDS);
        }
        return changes.keySet().stream().map(ConfigResource::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Integer> otherPartitionCounts(Admin admin, List<NewTopic> present, long seconds)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                        present.stream().map(NewTopic::name).toList())
                .allTopicNames()
                .get(seconds, TimeUnit.SECONDS);
        Map<String, Integer> other = new TreeMap<>();
        for (NewTopic topic : present) {
            int partitions = descriptions.get(topic.name()).partitions().size();
            if (partitions != topic.numPartitions()) {
                other.put(topic.name(), partitions);
            }
        }
        return other;
    }
}
