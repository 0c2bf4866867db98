package io.coverwatch.localinfra;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Main class of the broker's child JVM: formats the KRaft storage (keeping the cluster id of existing storage), runs
 * {@code kafka.Kafka}, and prints {@value #READY} once an admin client gets an answer from the broker.
 *
 * <p>Arguments: {@code <server.properties> <bootstrap servers> [<SCRAM credential to create>]}.
 */
final class KafkaBrokerMain {

    static final String READY = "COVERWATCH-READY";

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        String serverProperties = args[0];
        String bootstrapServers = args[1];

        List<String> format = new ArrayList<>(
                List.of("format", "-t", clusterId(serverProperties), "-c", serverProperties, "--ignore-formatted"));
        if (args.length > 2) {
            format.addAll(List.of("--add-scram", args[2]));
        }
        int formatted = StorageTool.execute(format.toArray(String[]::new), System.out);
        if (formatted != 0) {
            System.out.println("Formatting the KRaft storage failed with exit code " + formatted);
            System.exit(formatted);
        }

        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {serverProperties}), "kafka-main");
        broker.start();

        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            while (broker.isAlive()) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        System.out.println(READY + " " + bootstrapServers);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
        }
    }

    /** The cluster id of already formatted storage (a restart), else a new one. */
    private static String clusterId(String serverProperties) throws IOException {
        Properties server = load(Path.of(serverProperties));
        Path meta = Path.of(server.getProperty("log.dirs"), "meta.properties");
        if (Files.exists(meta)) {
            return load(meta).getProperty("cluster.id");
        }
        return Uuid.randomUuid().toString();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
