package io.coverwatch.localinfra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka client for tests, seeing the topics as an outsider does: read them whole, write raw records,
 * check a consumer group's lag. Uses only kafka-clients, which every Quarkus service already has.
 */
public final class KafkaProbe implements AutoCloseable {

    private final Map<String, String> clientConfig;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    public KafkaProbe(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A probe with a client's own settings, such as a SCRAM listener's ({@link KafkaBroker#clientConfig()}). */
    public KafkaProbe(Map<String, String> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
        Properties producerConfig = new Properties();
        producerConfig.putAll(clientConfig);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.copyOf(clientConfig));
    }

    public void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get();
    }

    /** Reads the topic from the beginning until a record matches, or fails after the timeout. */
    public ConsumerRecord<String, byte[]> awaitRecord(
            String topic, Predicate<ConsumerRecord<String, byte[]>> matches, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matches.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No matching record on " + topic + " within " + timeout);
    }

    /** Every record of the topic, read from the beginning up to its current end. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /**
     * Waits until the consumer group has committed every record now in the topic, on every partition: a partition the
     * group has never committed on counts as read up to offset 0, so a record alone on it is waited for too.
     */
    public void awaitCaughtUp(String group, String topic, Duration timeout) throws Exception {
        Map<TopicPartition, OffsetSpec> latest =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                partition -> new TopicPartition(topic, partition.partition()),
                                partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                admin.listOffsets(latest).all().get();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            if (end.entrySet().stream().allMatch(entry -> {
                OffsetAndMetadata offset = committed.get(entry.getKey());
                return (offset == null ? 0 : offset.offset())
                        >= entry.getValue().offset();
            })) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(group + " did not catch up on " + topic + " within " + timeout);
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }
}
