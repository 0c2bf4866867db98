package io.coverwatch.bench;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker as the benchmarks see it: topics, their end offsets, a consumer group's progress, producers and
 * consumers.
 */
final class BenchKafka implements AutoCloseable {

    /** Partitions of every topic the benchmarks create: the broker's default, as the services' topics get. */
    static final int PARTITIONS = 4;

    private static final String INVENTORY_CONFIG = "inventory-service/src/main/resources/application.properties";
    private static final String DIRECT_CHANNEL = "mp.messaging.outgoing.direct.";

    private final String bootstrap;
    private final Admin admin;

    BenchKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    String bootstrap() {
        return bootstrap;
    }

    void createTopic(String topic) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                partition -> new TopicPartition(topic, partition.partition()),
                                partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    long endOffset(String topic) throws Exception {
        return sum(endOffsets(topic));
    }

    /** How far a consumer group has committed on a topic, over all partitions. */
    long committed(String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .map(Map.Entry::getValue)
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
    }

    /** A consumer of one topic from its first record, in a group of its own, as a service new to the topic reads it. */
    static KafkaConsumer<String, byte[]> fromStart(String bootstrap, String group, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, group,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** A producer with the settings of inventory-service's {@code heartbeats} channel (acks, linger, batch, lz4). */
    KafkaProducer<String, byte[]> heartbeatProducer(Path repositoryRoot) throws Exception {
        Properties config = heartbeatsChannelConfig(repositoryRoot);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The Kafka producer settings of inventory-service's {@code heartbeats} channel, from its application.properties. */
    static Properties heartbeatsChannelConfig(Path repositoryRoot) throws Exception {
        Properties service = new Properties();
        try (Reader reader = Files.newBufferedReader(repositoryRoot.resolve(INVENTORY_CONFIG))) {
            service.load(reader);
        }
        Properties producer = new Properties();
        service.stringPropertyNames().stream()
                .filter(name -> name.startsWith(DIRECT_CHANNEL))
                .map(name -> name.substring(DIRECT_CHANNEL.length()))
                .filter(ProducerConfig.configNames()::contains)
                .forEach(name -> producer.put(name, service.getProperty(DIRECT_CHANNEL + name)));
        return producer;
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
