package io.coverwatch.evaluation.messaging;

import io.coverwatch.availability.AdminSettings;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.heartbeat.HeartbeatIntake;
import io.coverwatch.evaluation.heartbeat.HeartbeatStream;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 * it was written by whoever held it), and move once a batch's heartbeats are written or held by {@link HeartbeatIntake};
 * before each reach is stored, the intake writes what it holds of machines due by then. The group's offsets are
 * committed here too, at each probe, up to the batches whose heartbeats are all written, those held included: a crash
 * loses only what the stream gives again.
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

    /** The channel whose offsets this probe commits. */
    static final String CHANNEL = "inventory-heartbeats";

    /** How far each partition this instance holds has been heard: written or held by the intake. */
    private final Map<TopicPartition, PartitionReach> held = new ConcurrentHashMap<>();

    /** How far each partition this instance holds has been written: its offsets are committed up to there. */
    private final Map<TopicPartition, PartitionReach> written = new ConcurrentHashMap<>();

    /** The offset last committed per partition. */
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    private final KafkaClientService clients;
    private final Map<String, Object> kafkaConfig;
    private final HeartbeatStream stream;
    private final HeartbeatIntake intake;
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
            HeartbeatIntake intake,
            KafkaClientService clients,
            EvaluationConfig config,
            Clock clock) {
        this.kafkaConfig = kafkaConfig;
        this.clients = clients;
        this.stream = stream;
        this.intake = intake;
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
            long position = consumer.position(partition);
            held.put(partition, new PartitionReach(position));
            written.put(partition, new PartitionReach(position));
            committed.put(partition, position);
        }
    }

    /**
     * Before partitions go, what {@link HeartbeatIntake} holds is written and their offsets committed up to what is
     * written, and what the intake knows of the rows is dropped: the next owner writes them. Whatever is not written
     * by then (the write failed) is read again by the next owner.
     */
    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held.keySet().removeAll(partitions);
        try {
            intake.flushAndForget();
            Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(partitions);
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets, BROKER_TIMEOUT);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Writing the held heartbeats before a rebalance failed, the next owner reads them: %s",
                    e.getMessage());
        }
        forget(partitions);
    }

    /** Lost partitions are another instance's already: nothing of theirs is committed, and their next owner reads what was held. */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held.keySet().removeAll(partitions);
        forget(partitions);
        try {
            intake.flushAndForget();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Writing the held heartbeats after losing partitions failed, their next owner reads them: %s",
                    e.getMessage());
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        written.keySet().removeAll(partitions);
        committed.keySet().removeAll(partitions);
    }

    /**
     * The offsets and the last send time of one partition's records in a batch: what the reach needs of a batch, kept
     * apart from the records, which a batch waiting for its held heartbeats to be written must not keep alive (at
     * 200,000 heartbeats a second, seconds of records filled the heap).
     */
    record Span(TopicPartition partition, long firstOffset, long lastOffset, Instant lastSent) {}

    /** The spans of a batch, one per partition in it. */
    static List<Span> spans(ConsumerRecords<?, ?> records) {
        List<Span> spans = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            List<? extends ConsumerRecord<?, ?>> recorded = records.records(partition);
            ConsumerRecord<?, ?> last = recorded.get(recorded.size() - 1);
            spans.add(new Span(
                    partition, recorded.get(0).offset(), last.offset(), Instant.ofEpochMilli(last.timestamp())));
        }
        return spans;
    }

    /**
     * Called once a batch's heartbeats are written to the database or held by the intake; batches may be recorded out
     * of order.
     */
    void recorded(List<Span> batch) {
        advance(held, batch);
    }

    /**
     * Called once all of a batch's heartbeats are written to the database, those the intake held included: its offsets
     * may be committed once every batch before it is written too.
     */
    void written(List<Span> batch) {
        advance(written, batch);
    }

    private static void advance(Map<TopicPartition, PartitionReach> reaches, List<Span> batch) {
        for (Span span : batch) {
            PartitionReach reach = reaches.get(span.partition());
            if (reach != null) {
                reach.recorded(span.firstOffset(), span.lastOffset(), span.lastSent());
            }
        }
    }

    /** The offsets written past what was last committed, for these partitions. */
    private Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionReach reach = written.get(partition);
            Long last = committed.get(partition);
            if (reach != null && last != null && reach.nextOffset() > last) {
                offsets.put(partition, new OffsetAndMetadata(reach.nextOffset()));
            }
        }
        return offsets;
    }

    /**
     * Commits the group's offsets up to what is written, on the channel's polling thread. Not SmallRye's commit
     * strategies: the throttled one keeps every record's offset until its batch is acknowledged, and with the intake
     * holding heartbeats for seconds it kept millions, walked on the event loop at every commit (the event loop blocked
     * for 14 s in the throughput bench).
     */
    private void commitWritten() {
        Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(Set.copyOf(written.keySet()));
        if (offsets.isEmpty()) {
            return;
        }
        clients.<String, byte[]>getConsumer(CHANNEL)
                .commitAsync(offsets)
                .subscribe()
                .with(
                        done -> offsets.forEach((partition, offset) ->
                                committed.computeIfPresent(partition, (p, last) -> Math.max(last, offset.offset()))),
                        failure -> LOG.debugf("Committing the heartbeat offsets failed: %s", failure.getMessage()));
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
            boolean[] caughtUp = {true};
            ends.forEach((partition, end) -> {
                PartitionReach reach = held.get(partition);
                if (reach == null) {
                    return; // revoked meanwhile
                }
                if (reach.nextOffset() >= end) {
                    reached.put(partition.partition(), probedAt);
                } else {
                    caughtUp[0] = false;
                    reach.lastSent().ifPresent(sent -> reached.put(partition.partition(), sent));
                }
            });
            // Nothing held may be due by the reach told: the sweep and the verdicts would read its machine's older row.
            reached.values().stream()
                    .max(Instant::compareTo)
                    .ifPresent(reach -> intake.beforeHeardUpTo(reach, caughtUp[0]));
            stream.advance(reached);
            commitWritten();
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
