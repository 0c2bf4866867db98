package io.coverwatch.evaluation.messaging;

import io.coverwatch.availability.AdminSettings;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.heartbeat.HeartbeatStream;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Tells {@link HeartbeatStream} how far this instance has heard the heartbeat partitions it holds. A partition is
 * heard up to the instant of a probe when everything in it before the probe has been recorded (its next offset to
 * record has reached the partition's end, as the broker tells it); while it is behind, up to the send time of the last
 * heartbeat recorded from it. So an idle stream (an outage silencing every agent) is heard up to now, and a backlog
 * holds silence back to where it has been read.
 *
 * <p>The offsets start where the group's committed position puts them when a partition is assigned (everything before
 * it was recorded by whoever held it), and move only after a batch's heartbeats are committed to the database.
 *
 * <p>The partitions' ends are asked of the broker by an admin client of the probe's own, not by the channel's
 * consumer: a consumer's calls run on its polling thread, so every probe (ten a second) held the next fetch back for
 * a round trip to the broker, 12 % of that thread's time in the detection bench while the heartbeat path was behind.
 */
@ApplicationScoped
@Identifier(HeartbeatStreamProbe.NAME)
public class HeartbeatStreamProbe implements KafkaConsumerRebalanceListener {

    /** The name the heartbeat channel's {@code consumer-rebalance-listener.name} refers to. */
    static final String NAME = "heartbeat-stream";

    private static final Logger LOG = Logger.getLogger(HeartbeatStreamProbe.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);

    private final Map<TopicPartition, PartitionReach> held = new ConcurrentHashMap<>();
    private final Map<String, Object> kafkaConfig;
    private final HeartbeatStream stream;
    private final EvaluationConfig config;
    private final Clock clock;
    private Admin admin;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heartbeat-stream-probe");
        thread.setDaemon(true);
        return thread;
    });

    HeartbeatStreamProbe(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            HeartbeatStream stream,
            EvaluationConfig config,
            Clock clock) {
        this.kafkaConfig = kafkaConfig;
        this.stream = stream;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        long interval = config.heartbeat().streamProbeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probe, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        prober.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            held.put(partition, new PartitionReach(consumer.position(partition)));
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held.keySet().removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held.keySet().removeAll(partitions);
    }

    /** Called once a batch's heartbeats are committed to the database; batches may be recorded out of order. */
    void recorded(ConsumerRecords<?, ?> records) {
        for (TopicPartition partition : records.partitions()) {
            List<? extends ConsumerRecord<?, ?>> recorded = records.records(partition);
            ConsumerRecord<?, ?> last = recorded.get(recorded.size() - 1);
            PartitionReach reach = held.get(partition);
            if (reach != null) {
                reach.recorded(recorded.get(0).offset(), last.offset(), Instant.ofEpochMilli(last.timestamp()));
            }
        }
    }

    void probe() {
        try {
            Instant probedAt = clock.instant();
            Set<TopicPartition> partitions = Set.copyOf(held.keySet());
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> ends = ends(partitions);
            Map<Integer, Instant> reached = new HashMap<>();
            ends.forEach((partition, end) -> {
                PartitionReach reach = held.get(partition);
                if (reach == null) {
                    return; // revoked meanwhile
                }
                if (reach.nextOffset() >= end) {
                    reached.put(partition.partition(), probedAt);
                } else {
                    reach.lastSent().ifPresent(sent -> reached.put(partition.partition(), sent));
                }
            });
            stream.advance(reached);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The broker or the database is unreachable: the reach stays where it was, and so does silence.
            LOG.debugf("Probing the heartbeat stream failed: %s", e.getMessage());
        }
    }

    /** Where each partition ends now, as the broker tells it (the high watermark, what a consumer can read). */
    private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin().listOffsets(
                        latest, new ListOffsetsOptions().timeoutMs((int) BROKER_TIMEOUT.toMillis()))
                .all()
                .get(BROKER_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue()
                .offset()));
    }

    /** Made on first use, on the probe's thread, so the service starts while the broker is away. */
    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> adminConfig = AdminSettings.from(kafkaConfig);
            adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "heartbeat-stream-probe");
            admin = Admin.create(adminConfig);
        }
        return admin;
    }
}
