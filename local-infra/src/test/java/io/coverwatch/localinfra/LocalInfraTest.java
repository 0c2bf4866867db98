package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfraTest {

    @TempDir
    Path tempDir;

    @Test
    void kafkaAndPostgresWorkAndStopWithoutLeftovers() throws Exception {
        Path workDir = tempDir.resolve("infra");
        long started = System.nanoTime();
        List<Long> pids;
        try (LocalInfra infra = LocalInfra.start(workDir)) {
            System.out.printf(
                    "LocalInfra ready in %d ms: %s%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), infra.quarkusConfig());
            pids = ProcessTrees.started(infra);
            assertTrue(pids.contains(infra.kafka().process().pid()), "broker pid among descendants");
            assertTrue(pids.contains(infra.postgres().process().pid()), "postgres JVM pid among descendants");
            assertTrue(
                    pids.stream().anyMatch(pid -> ProcessTrees.command(pid).endsWith("/postgres")),
                    "a postgres server process among " + ProcessTrees.describe(pids));

            Map<String, String> config = infra.quarkusConfig();
            assertEquals(infra.kafka().bootstrapServers(), config.get("kafka.bootstrap.servers"));
            assertTrue(config.get("kafka.bootstrap.servers").startsWith("127.0.0.1:"));
            assertTrue(config.get("quarkus.datasource.jdbc.url").startsWith("jdbc:postgresql://127.0.0.1:"));

            roundTripRecord(infra.kafka().bootstrapServers());
            try (Connection connection = DriverManager.getConnection(
                            infra.postgres().jdbcUrl(),
                            infra.postgres().username(),
                            infra.postgres().password());
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("show max_wal_size")) {
                assertTrue(rs.next());
                assertEquals(
                        "8GB", rs.getString(1), "checkpoints minutes apart under the benches' load (PostgresMain)");
            }
            started = System.nanoTime();
        }
        System.out.printf(
                "LocalInfra closed in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        List<Long> leftovers = ProcessTrees.awaitGone(pids, Duration.ofSeconds(5));
        assertTrue(leftovers.isEmpty(), "still running after close: " + ProcessTrees.describe(leftovers));
    }

    private static void roundTripRecord(String bootstrap) {
        String topic = "local-infra-test";
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(topic, "key-1", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "local-infra-test");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals("key-1", record.key());
                    assertEquals("hello", record.value());
                    return;
                }
            }
        }
        throw new AssertionError("no record consumed within 30 s");
    }
}
