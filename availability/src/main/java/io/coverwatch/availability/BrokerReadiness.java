package io.coverwatch.availability;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness asks the broker to describe its cluster and waits at most {@code
 * coverwatch.availability.broker-probe-timeout}: a dead broker and a frozen one (its port open, nothing answering) are
 * both DOWN within that time. Quarkus's own Kafka check waits for the admin client's default timeout (a minute), so
 * {@code /q/health/ready} hung that long and said UP meanwhile.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private final Map<String, Object> kafkaConfig;
    private final AvailabilityConfig config;
    private volatile Admin admin;

    BrokerReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AvailabilityConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        int timeout = (int) config.brokerProbeTimeout().toMillis();
        try {
            String nodes = admin()
                    .describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                    .nodes()
                    .get(timeout + 1000L, TimeUnit.MILLISECONDS)
                    .stream()
                    .map(Node::toString)
                    .collect(Collectors.joining(","));
            return HealthCheckResponse.named("Kafka broker")
                    .up()
                    .withData("nodes", nodes)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return down("no answer within " + config.brokerProbeTimeout() + ": " + cause.getMessage());
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named("Kafka broker")
                .down()
                .withData("reason", reason)
                .build();
    }

    /** Made on first use: the check must not keep a service from starting while the broker is away. */
    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> adminConfig = AdminSettings.from(kafkaConfig);
            int timeout = (int) config.brokerProbeTimeout().toMillis();
            adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
            adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
            adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
