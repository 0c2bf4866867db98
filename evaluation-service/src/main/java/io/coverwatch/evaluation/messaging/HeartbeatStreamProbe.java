package io.coverwatch.evaluation.messaging;

import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.heartbeat.HeartbeatStream;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 */
@ApplicationScoped
@Identifier(HeartbeatStreamProbe.NAME)
public class HeartbeatStreamProbe implements KafkaConsumerRebalanceListener {

    /** The name the heartbeat channel's {@code consumer-rebalance-listener.name} refers to. */
    static final String NAME = "heartbeat-stream";

    private static final Logger LOG = Logger.getLogger(HeartbeatStreamProbe.class);
    private static final String CHANNEL = "inventory-heartbeats";
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);

    private final Map<TopicPartition, PartitionReach> held = new ConcurrentHashMap<>();
    private final KafkaClientService kafka;
    private final HeartbeatStream stream;
    private final EvaluationConfig config;
    private final Clock clock;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heartbeat-stream-probe");
        thread.setDaemon(true);
        return thread;
    });

    HeartbeatStreamProbe(KafkaClientService kafka, HeartbeatStream stream, EvaluationConfig config, Clock clock) {
        this.kafka = kafka;
        this.stream = stream;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        long interval = config.heartbeat().streamProbeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probe, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
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
            KafkaConsumer<String, byte[]> consumer = kafka.getConsumer(CHANNEL);
            if (consumer == null) {
                return; // the channel has not started yet
            }
            Function<Consumer<String, byte[]>, Map<TopicPartition, Long>> endsOf =
                    polling -> polling.endOffsets(partitions, BROKER_TIMEOUT);
            Map<TopicPartition, Long> ends =
                    consumer.runOnPollingThread(endsOf).await().atMost(BROKER_TIMEOUT.multipliedBy(2));
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
        } catch (RuntimeException e) {
            // The broker or the database is unreachable: the reach stays where it was, and so does silence.
            LOG.debugf("Probing the heartbeat stream failed: %s", e.getMessage());
        }
    }
}
