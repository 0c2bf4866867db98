package io.coverwatch.bench;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import io.coverwatch.security.Roles;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
    private static final String CHANNEL_PREFIX = "mp.messaging.outgoing.heartbeats.";

    private IngestBench() {}

    static void run(Bench.Workspace workspace) throws Exception {
        Instant base = Instant.now().minus(Duration.ofHours(1));
        List<byte[]> bodies = new ArrayList<>();
        for (int body = 0; body < 16; body++) {
            bodies.add(batch(body, base).getBytes(StandardCharsets.UTF_8));
        }
        Properties producerConfig = channelProducerConfig(workspace.repositoryRoot());
        LocalStack stack = LocalStack.start(
                workspace.repositoryRoot(),
                workspace.resultsDir().resolve("ingest-" + UUID.randomUUID()),
                false,
                EnumSet.of(CoverwatchService.INVENTORY),
                Map.of("coverwatch.inventory.demo.enabled", "false"));
        // Millions of heartbeats leave gigabytes of broker log behind: the data goes with the run.
        try {
            String bootstrap = stack.infra().kafka().bootstrapServers();
            double ceiling = bareProducerRate(bootstrap, base, producerConfig);
            URI heartbeats = stack.url(CoverwatchService.INVENTORY).resolve("/api/heartbeats");
            // The pusher signs in as a machine with the Ingest role, as a real one does (token validation is measured).
            String token = stack.infra().tokenIssuer().token("heartbeat-pusher", null, List.of(Roles.INGEST));
            post(heartbeats, token, bodies, WARMUP);
            long before = endOffset(bootstrap, Topics.HEARTBEATS);
            String serviceJar = CoverwatchService.INVENTORY
                    .runnableJar(workspace.repositoryRoot())
                    .toString();
            long brokerPid = stack.infra().kafka().process().pid();
            CpuUse cpuBefore = CpuUse.now(serviceJar, brokerPid);
            long started = System.nanoTime();
            long accepted = post(heartbeats, token, bodies, MEASURE);
            double seconds = (System.nanoTime() - started) / 1e9;
            CpuUse cpu = CpuUse.now(serviceJar, brokerPid).minus(cpuBefore);
            long onKafka = endOffset(bootstrap, Topics.HEARTBEATS) - before;
            double rate = onKafka / seconds;

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("scenario", "ingest");
            result.put("time", Instant.now().toString());
            result.put("machine", machine());
            result.put("clients", CLIENTS);
            result.put("batchSize", BATCH);
            result.put("producerConfig", new TreeMap<>(producerConfig));
            result.put("seconds", Math.round(seconds * 10) / 10.0);
            result.put("acceptedHeartbeats", accepted);
            result.put("heartbeatsOnKafka", onKafka);
            result.put("heartbeatsPerSecond", Math.round(rate));
            result.put("bareProducerPerSecond", Math.round(ceiling));
            result.put("ratioToBareProducer", Math.round(rate / ceiling * 100) / 100.0);
            result.put("goalPerSecond", 50_000);
            result.put("serviceCpuMicrosPerHeartbeat", Math.round(cpu.service() / onKafka * 1e6 * 10) / 10.0);
            result.put("brokerCpuMicrosPerHeartbeat", Math.round(cpu.broker() / onKafka * 1e6 * 10) / 10.0);
            result.put("coresUsedByService", Math.round(cpu.service() / seconds * 100) / 100.0);
            result.put("coresUsedByBroker", Math.round(cpu.broker() / seconds * 100) / 100.0);
            result.put("coresUsedByBenchClients", Math.round(cpu.bench() / seconds * 100) / 100.0);
            result.put("coresUsedByOtherProcesses", Math.round(cpu.others() / seconds * 100) / 100.0);
            Files.createDirectories(workspace.resultsDir());
            Files.writeString(workspace.resultsDir().resolve("ingest.json"), ContractsJson.toJson(result));

            System.out.printf("%n%-34s %14s%n", "ingest (POST /api/heartbeats → Kafka)", "");
            result.forEach((key, value) -> System.out.printf("  %-32s %14s%n", key, value));
            if (onKafka < accepted) {
                throw new IllegalStateException(accepted + " accepted but only " + onKafka + " on Kafka");
            }
        } finally {
            stack.close();
            stack.infra().deleteData();
        }
    }

    /**
     * CPU seconds used so far by the service, the broker, this JVM (the HTTP clients), and the whole machine: the
     * machine is shared, so the run shows how much of it others took while it measured.
     */
    private record CpuUse(double service, double broker, double bench, double machine) {

        static CpuUse now(String serviceJar, long brokerPid) throws Exception {
            return new CpuUse(
                    ProcessHandle.current()
                            .descendants()
                            .filter(process -> process.info()
                                    .commandLine()
                                    .filter(command -> command.contains(serviceJar))
                                    .isPresent())
                            .mapToDouble(CpuUse::seconds)
                            .sum(),
                    ProcessHandle.of(brokerPid).map(CpuUse::seconds).orElseThrow(),
                    seconds(ProcessHandle.current()),
                    machineBusy());
        }

        CpuUse minus(CpuUse earlier) {
            return new CpuUse(
                    service - earlier.service,
                    broker - earlier.broker,
                    bench - earlier.bench,
                    machine - earlier.machine);
        }

        double others() {
            return Math.max(0, machine - service - broker - bench);
        }

        /** Busy CPU seconds of all cores since boot, from the first line of /proc/stat (Linux). */
        private static double machineBusy() throws Exception {
            String[] ticks =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int column = 1; column < Math.min(ticks.length, 9); column++) {
                if (column != 4 && column != 5) { // idle and iowait
                    busy += Long.parseLong(ticks[column]);
                }
            }
            return busy / 100.0; // USER_HZ
        }

        private static double seconds(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
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

    /** The Kafka producer settings of the service's {@code heartbeats} channel, as its application.properties has them. */
    private static Properties channelProducerConfig(Path repositoryRoot) throws Exception {
        Properties service = new Properties();
        try (Reader reader = Files.newBufferedReader(repositoryRoot.resolve(SERVICE_CONFIG))) {
            service.load(reader);
        }
        Properties producer = new Properties();
        service.stringPropertyNames().stream()
                .filter(name -> name.startsWith(CHANNEL_PREFIX))
                .map(name -> name.substring(CHANNEL_PREFIX.length()))
                .filter(ProducerConfig.configNames()::contains)
                .forEach(name -> producer.put(name, service.getProperty(CHANNEL_PREFIX + name)));
        return producer;
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

    private static long endOffset(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(partition ->
                            latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
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

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap (bench JVM), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version");
    }
}
