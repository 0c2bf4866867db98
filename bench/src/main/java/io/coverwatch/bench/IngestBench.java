package io.coverwatch.bench;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import io.coverwatch.security.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Heartbeats/s from {@code POST /api/heartbeats} into Kafka (issue goal: 50k/s), beside the machine's own ceiling
 * measured in the same run: a bare Kafka producer in this JVM sending the same encoded heartbeats with the producer
 * settings of the service's {@code heartbeats} channel. The rate is what reached the topic (its end offsets) during
 * the measurement window, after a warm-up; every accepted heartbeat must be among them.
 */
final class IngestBench {

    private static final int MACHINES = 10_000;
    private static final int BATCH = 5_000;
    private static final int CLIENTS = 4;
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration MEASURE = Duration.ofSeconds(30);
    private static final String SERVICE_CONFIG = "inventory-service/src/main/resources/application.properties";
    private static final String CHANNEL_PREFIX = "mp.messaging.outgoing.direct.";

    private IngestBench() {}

    static void run(Bench.Workspace workspace) throws Exception {
        Instant base = Instant.now().minus(Duration.ofHours(1));
        List<byte[]> bodies = new ArrayList<>();
        for (int body = 0; body < 16; body++) {
            bodies.add(batch(body, base).getBytes(StandardCharsets.UTF_8));
        }
        Properties producerConfig = BenchKafka.heartbeatsChannelConfig(workspace.repositoryRoot());
        LocalStack stack = LocalStack.start(
                workspace.repositoryRoot(),
                workspace.resultsDir().resolve("ingest-" + UUID.randomUUID()),
                false,
                EnumSet.of(CoverwatchService.INVENTORY),
                Map.of("coverwatch.inventory.demo.enabled", "false"));
        // Millions of heartbeats leave gigabytes of broker log behind: the data goes with the run.
        try (BenchKafka kafka = new BenchKafka(stack.infra().kafka().bootstrapServers())) {
            double ceiling = bareProducerRate(kafka.bootstrap(), base, producerConfig);
            URI heartbeats = stack.url(CoverwatchService.INVENTORY).resolve("/api/heartbeats");
            // The pusher signs in as a machine with the Ingest role, as a real one does (token validation is measured).
            String token = stack.infra().tokenIssuer().token("heartbeat-pusher", null, List.of(Roles.INGEST));
            post(heartbeats, token, bodies, WARMUP);
            long before = kafka.endOffset(Topics.HEARTBEATS);
            CpuMeter meter = new CpuMeter(stack.infra());
            CpuMeter.Sample cpuBefore = meter.sample();
            long started = System.nanoTime();
            long accepted = post(heartbeats, token, bodies, MEASURE);
            double seconds = (System.nanoTime() - started) / 1e9;
            CpuMeter.Sample cpu = meter.sample().minus(cpuBefore);
            long onKafka = kafka.endOffset(Topics.HEARTBEATS) - before;
            double rate = onKafka / seconds;

            Report report = new Report("ingest", "ingest (POST /api/heartbeats → Kafka)");
            report.put("clients", CLIENTS);
            report.put("batchSize", BATCH);
            report.put("producerConfig", new TreeMap<>(producerConfig));
            report.put("seconds", seconds);
            report.put("acceptedHeartbeats", accepted);
            report.put("heartbeatsOnKafka", onKafka);
            report.put("heartbeatsPerSecond", Math.round(rate));
            report.put("bareProducerPerSecond", Math.round(ceiling));
            report.put("ratioToBareProducer", rate / ceiling);
            report.put("goalPerSecond", 50_000);
            report.put("serviceCpuMicrosPerHeartbeat", cpu.services() / onKafka * 1e6);
            report.put("brokerCpuMicrosPerHeartbeat", cpu.broker() / onKafka * 1e6);
            cpu.reportAs(report, "", seconds);
            report.write(workspace.resultsDir());
            if (onKafka < accepted) {
                throw new IllegalStateException(accepted + " accepted but only " + onKafka + " on Kafka");
            }
        } finally {
            stack.close();
            stack.infra().deleteData();
        }
    }

    /** Batches of requests from several clients until the time is up; returns the heartbeats accepted. */
    private static long post(URI heartbeats, String token, List<byte[]> bodies, Duration duration) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LongAdder accepted = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int first = c;
            running.add(clients.submit(() -> {
                for (int i = first; System.nanoTime() < deadline; i += CLIENTS) {
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(heartbeats)
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    accepted.add(BATCH);
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        clients.shutdown();
        return accepted.sum();
    }

    /** The ceiling: the same encoded heartbeats from a bare producer with the service's producer settings. */
    private static double bareProducerRate(String bootstrap, Instant base, Properties channelConfig) {
        Properties config = new Properties();
        config.putAll(channelConfig);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<EncodedEvent> events = new ArrayList<>();
        for (int i = 0; i < MACHINES; i++) {
            AgentHeartbeat heartbeat = new AgentHeartbeat(
                    machine(i), "vm-" + i, AgentHeartbeat.AZURE_MONITOR_AGENT, "Linux", "1.33.2", null, base, null);
            events.add(
                    CloudEventCodec.encode(new CloudEvent<>(UUID.randomUUID().toString(), "/bench", base, heartbeat)));
        }
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long sent = 0;
            long started = System.nanoTime();
            long deadline = started + MEASURE.toNanos();
            while (System.nanoTime() < deadline) {
                for (EncodedEvent event : events) {
                    producer.send(new ProducerRecord<>(
                            "bench.ceiling", null, event.key(), event.body(), event.kafkaHeaders()));
                }
                sent += events.size();
            }
            producer.flush();
            return sent / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static String batch(int body, Instant base) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            int machine = (body * BATCH + i) % MACHINES;
            json.append(i == 0 ? "" : ",")
                    .append("{\"TimeGenerated\":\"")
                    .append(base.plusSeconds(body * 60L + i / MACHINES))
                    .append("\",\"Computer\":\"vm-")
                    .append(machine)
                    .append("\",\"Category\":\"Azure Monitor Agent\",\"OSType\":\"Linux\",\"Version\":\"1.33.2\","
                            + "\"_ResourceId\":\"")
                    .append(machine(machine))
                    .append("\"}");
        }
        return json.append("]").toString();
    }

    private static String machine(int index) {
        return "/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/bench/providers/"
                + "Microsoft.Compute/virtualMachines/vm-" + String.format("%06d", index);
    }
}
