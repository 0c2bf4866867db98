package io.coverwatch.availability;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The settings of an admin client made beside a service's channels: every setting of the service's Kafka client
 * configuration that an admin client knows, so on a cluster that takes SASL logins the admin logs in as the channels do.
 */
public final class AdminSettings {

    private AdminSettings() {}

    /** @param kafkaConfig the service's Kafka client configuration ({@code default-kafka-broker}) */
    public static Map<String, Object> from(Map<String, Object> kafkaConfig) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value.toString());
            }
        });
        return settings;
    }
}
