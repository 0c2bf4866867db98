package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's SASL_SSL listener: a client with the SCRAM login reads and writes; a wrong password is refused. */
class KafkaScramTest {

    @TempDir
    Path tempDir;

    @Test
    void aScramClientOverTlsGetsInAndAWrongPasswordDoesNot() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(tempDir.resolve("kafka"), 0, true)) {
            ScramListener scram = broker.scram().orElseThrow();
            Map<String, String> client = broker.clientConfig();
            assertEquals("127.0.0.1:" + scram.port(), client.get("bootstrap.servers"));
            assertEquals("SASL_SSL", client.get("security.protocol"));

            try (KafkaProbe probe = new KafkaProbe(client)) {
                probe.send(
                        new ProducerRecord<>("scram-test", "prod-db-01", "heartbeat".getBytes(StandardCharsets.UTF_8)));
                assertEquals(
                        "heartbeat",
                        new String(
                                probe.awaitRecord("scram-test", record -> true, Duration.ofSeconds(30))
                                        .value(),
                                StandardCharsets.UTF_8));
            }

            Map<String, Object> wrongPassword = new HashMap<>(client);
            wrongPassword.put(
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + scram.username()
                            + "\" password=\"not-" + scram.password() + "\";");
            try (Admin admin = Admin.create(wrongPassword)) {
                ExecutionException refused = assertThrows(
                        ExecutionException.class,
                        () -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
                assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
            }
        }
    }
}
