package io.coverwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Heartbeats/s that evaluation-service reads, coalesces and writes to its database (issue goal: 100k/s, and at least
 * half of a bare Kafka consumer), and the same with several instances (scale-out).
 *
 * <p>The heartbeats are on the topic before the measured instances start, so the service drains a backlog on its own
 * and the bench's producer takes no CPU from it. A warm-up round (one heartbeat per machine) absorbs start-up, JIT and
 * the consumer group's rebalance; the rate is taken from the group's committed offsets, from the first sample after
 * the warm-up round to the end. The ceiling is a bare {@code KafkaConsumer} in this JVM reading the same measured
 * records, with the channel's {@code max.poll.records}, in the same run.
 */
final class ThroughputBench {

    private static final int MACHINES = 100_000;
    private static final int MACHINES_PER_SUBSCRIPTION = 1_000;
    /**
     * Rounds the measured instance drains before the measurement starts, as a service that has been running does. With
     * 2 the JIT compiler was still compiling through the measurement, a fifth of the service's CPU: that measured a
     * service started a minute before, not the path (docs/benchmarks.md, throughput). 20 rounds were about 20 s of
     * draining until the path doubled its speed; then they were 10 s, and the compiler was a fifth again (run 85), so
     * the service now drains about half a minute before it is measured.
     */
    private static final int WARMUP_ROUNDS = 60;

    private static final int MEASURED_ROUNDS = 20;
    private static final int MAX_POLL_RECORDS = 1_000; // as the inventory-heartbeats channel has it
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final String GROUP = "evaluation-service";
    private static final int VERIFIED_MACHINES = 20;

    private ThroughputBench() {}

    static void throughput(Bench.Workspace workspace) throws Exception {
        run(workspace, "throughput", List.of(1));
    }

    static void scaleOut(Bench.Workspace workspace) throws Exception {
        run(workspace, "scaleout", List.of(1, 2));
    }

    /** One measurement per entry of {@code instanceCounts}, each on its own topic drained by fresh instances. */
    private static void run(Bench.Workspace workspace, String scenario, List<Integer> instanceCounts) throws Exception {
        Estate estate = new Estate(MACHINES, MACHINES_PER_SUBSCRIPTION);
        // This instance runs the migrations and serves nothing measured: its heartbeats channel reads a topic nobody
        // writes, so the backlog waits for the measured instances.
        LocalStack stack = LocalStack.start(
                workspace.repositoryRoot(),
                workspace.resultsDir().resolve(scenario + "-" + UUID.randomUUID()),
                false,
                EnumSet.of(CoverwatchService.EVALUATION),
                Map.of("mp.messaging.incoming.inventory-heartbeats.topic", "bench.parked"));
        Rest.signIn(stack);
        try (BenchKafka kafka = new BenchKafka(stack.infra().kafka().bootstrapServers())) {
            Instant start = new EstateSeed(stack.infra().postgres())
                    .evaluation(estate, Duration.ofMinutes(15), machine -> false);
            Report report = new Report(scenario, scenario + " (heartbeats topic → evaluation-service → PostgreSQL)");
            report.put("machines", MACHINES);
            report.put("heartbeatsPerInstanceCount", (long) MACHINES * MEASURED_ROUNDS);
            report.put("goalPerSecond", 100_000);
            report.put("goalRatioToBareConsumer", 0.5);
            CpuMeter cpu = new CpuMeter(stack.infra());
            List<Double> rates = new ArrayList<>();
            for (int instances : instanceCounts) {
                String topic = instanceCounts.size() == 1 ? Topics.HEARTBEATS : Topics.HEARTBEATS + ".x" + instances;
                Instant roundsFrom = start.plusSeconds(rates.size() * 100L);
                kafka.createTopic(topic);
                Map<TopicPartition, Long> measuredFrom =
                        produce(workspace, kafka, estate, topic, roundsFrom, WARMUP_ROUNDS, MEASURED_ROUNDS);
                long measured = kafka.endOffset(topic) - BenchKafka.sum(measuredFrom);
                double ceiling = bareConsumerRate(kafka.bootstrap(), measuredFrom, kafka.endOffsets(topic));
                String prefix = "x" + instances + ".";
                report.put(prefix + "bareConsumerPerSecond", Math.round(ceiling));

                List<URI> urls = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    urls.add(stack.startAnother(
                            CoverwatchService.EVALUATION,
                            // The group's progress is the measurement: the service commits it at every stream probe
                            // (100 ms), up to the heartbeats written.
                            Map.of("mp.messaging.incoming.inventory-heartbeats.topic", topic)));
                }
                ServiceProfile profile =
                        ServiceProfile.start(workspace, stack.infra().postgres());
                Drain drain = drain(kafka, topic, BenchKafka.sum(measuredFrom), cpu);
                profile.close();
                double rate = drain.heartbeats() / drain.seconds();
                rates.add(rate);
                report.put(prefix + "instances", instances);
                report.put(prefix + "heartbeatsMeasured", drain.heartbeats());
                report.put(prefix + "seconds", drain.seconds());
                report.put(prefix + "heartbeatsPerSecond", Math.round(rate));
                report.put(prefix + "ratioToBareConsumer", rate / ceiling);
                report.put(
                        prefix + "serviceCpuMicrosPerHeartbeat", drain.cpu().services() / drain.cpuHeartbeats() * 1e6);
                report.put(
                        prefix + "databaseCpuMicrosPerHeartbeat", drain.cpu().database() / drain.cpuHeartbeats() * 1e6);
                drain.cpu().reportAs(report, prefix, drain.cpuSeconds());
                Instant lastRound = roundsFrom.plusSeconds(WARMUP_ROUNDS + MEASURED_ROUNDS - 1);
                report.put(prefix + "machinesVerifiedOverRest", verify(urls.get(0), estate, lastRound));
                if (measured != drain.heartbeats()) {
                    throw new IllegalStateException(measured + " measured heartbeats on the topic, "
                            + drain.heartbeats() + " expected by the drain");
                }
            }
            if (rates.size() > 1) {
                report.put("speedUp", rates.get(rates.size() - 1) / rates.get(0));
            }
            report.write(workspace.resultsDir());
        } finally {
            stack.close();
            stack.infra().deleteData();
        }
    }

    /**
     * Puts the warm-up and measured rounds on the topic, one heartbeat per machine per round, a second apart in
     * heartbeat time, all fresh (no machine crosses the threshold during the run); returns where the measured rounds
     * begin.
     */
    private static Map<TopicPartition, Long> produce(
            Bench.Workspace workspace,
            BenchKafka kafka,
            Estate estate,
            String topic,
            Instant from,
            int warmupRounds,
            int measuredRounds)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = kafka.heartbeatProducer(workspace.repositoryRoot())) {
            Map<TopicPartition, Long> measuredFrom = null;
            for (int round = 0; round < warmupRounds + measuredRounds; round++) {
                if (round == warmupRounds) {
                    producer.flush();
                    measuredFrom = kafka.endOffsets(topic);
                }
                Instant time = from.plusSeconds(round);
                for (int machine = 0; machine < estate.machines(); machine++) {
                    EncodedEvent event = estate.heartbeat(machine, time);
                    producer.send(new ProducerRecord<>(topic, null, event.key(), event.body(), event.kafkaHeaders()));
                }
            }
            producer.flush();
            return measuredFrom;
        }
    }

    /**
     * What the measured instances did with the measured rounds.
     *
     * @param heartbeats the measured heartbeats, timed over {@code seconds}
     * @param cpu        the processes' CPU over {@code cpuSeconds}, while {@code cpuHeartbeats} were committed
     */
    private record Drain(long heartbeats, double seconds, CpuMeter.Sample cpu, long cpuHeartbeats, double cpuSeconds) {}

    /**
     * Waits until the group has committed past the warm-up rounds, then times it to the end of the topic by its
     * committed offsets, sampled every 50 ms. The service commits up to the heartbeats it has written, and may hold
     * heartbeats in memory for seconds while it drains a backlog, so its committed offset moves in steps: the instant it
     * passed the warm-up rounds is interpolated between the last step short of them and the step past them, and the
     * CPU is measured from that last step short of them, over the heartbeats committed since. (Between two samples
     * 50 ms apart, one of them a step of seconds of heartbeats, the interpolation made 3.2 s of a 10 s drain.)
     */
    private static Drain drain(BenchKafka kafka, String topic, long measuredFrom, CpuMeter meter) throws Exception {
        long end = kafka.endOffset(topic);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long before = kafka.committed(GROUP, topic);
        long beforeAt = System.nanoTime();
        CpuMeter.Sample cpuBefore = meter.sample();
        long committed = before;
        while (committed < measuredFrom) {
            pause(deadline, topic, committed, end);
            long now = System.nanoTime();
            CpuMeter.Sample cpuNow = meter.sample();
            committed = kafka.committed(GROUP, topic);
            if (committed > before && committed < measuredFrom) { // a step short of the measured rounds
                before = committed;
                beforeAt = now;
                cpuBefore = cpuNow;
            }
        }
        long after = System.nanoTime();
        double crossedAt = beforeAt + (double) (measuredFrom - before) / (committed - before) * (after - beforeAt);
        while ((committed = kafka.committed(GROUP, topic)) < end) {
            pause(deadline, topic, committed, end);
        }
        long endedAt = System.nanoTime();
        return new Drain(
                end - measuredFrom,
                (endedAt - crossedAt) / 1e9,
                meter.sample().minus(cpuBefore),
                end - before,
                (endedAt - beforeAt) / 1e9);
    }

    private static void pause(long deadline, String topic, long committed, long end) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("evaluation-service committed " + committed + " of " + end + " on " + topic
                    + " in " + DRAIN_TIMEOUT);
        }
        Thread.sleep(50);
    }

    /** The ceiling: a bare consumer reading the same records, with the channel's poll size. */
    private static double bareConsumerRate(
            String bootstrap, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long expected = BenchKafka.sum(to) - BenchKafka.sum(from);
            long read = 0;
            long bytes = 0;
            long started = System.nanoTime();
            while (read < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    bytes += record.value().length;
                    read++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (bytes == 0) {
                throw new IllegalStateException("the bare consumer read no bytes");
            }
            return read / seconds;
        }
    }

    /**
     * Reads machines spread over the estate back through {@code GET /api/agents}: each must be healthy, with its last
     * round's time. Returns how many were, or the first answer that was not.
     */
    private static String verify(URI evaluation, Estate estate, Instant lastRound) throws Exception {
        int verified = 0;
        for (int i = 0; i < VERIFIED_MACHINES; i++) {
            int machine = i * (estate.machines() / VERIFIED_MACHINES);
            String answer = Rest.get(evaluation.resolve(
                    "/api/agents?resourceId=" + URLEncoder.encode(estate.machineId(machine), StandardCharsets.UTF_8)));
            JsonNode rows = ContractsJson.fromJson(answer, JsonNode.class);
            if (rows.size() != 1
                    || !Instant.parse(rows.get(0).get("lastHeartbeat").asText()).equals(lastRound)
                    || !"HEALTHY".equals(rows.get(0).get("status").asText())) {
                return verified + "/" + VERIFIED_MACHINES + ", then " + answer + " (expected " + lastRound + ")";
            }
            verified++;
        }
        return verified + "/" + VERIFIED_MACHINES;
    }
}
