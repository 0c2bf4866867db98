package io.coverwatch.evaluation.heartbeat;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A machine that keeps heartbeating while evaluation-service is behind on the heartbeat stream is not silent: its
 * heartbeats are queued, not missing. The backlog is made real by holding the database rows two other machines' heartbeats
 * must write (one for each of the two heartbeat writers), so every heartbeat after them waits in the stream for four
 * thresholds (the test profile's 3 s) while the
 * clock goes on. Judged by the clock, the sweep found the machine's AMA down after one threshold and opened a finding
 * that resolved once the backlog drained, a false alarm to the SOC; judged at how far the stream has been heard, the
 * machine stays healthy throughout and never has a finding, and falls silent for real only once its heartbeats stop.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class HeartbeatBacklogTest {

    private static final String SUBSCRIPTION_ID = "5c5c5c5c-0000-4000-8000-000000000001";
    private static final String BUSY = "/subscriptions/" + SUBSCRIPTION_ID
            + "/resourceGroups/ops-rg/providers/Microsoft.Compute/virtualMachines/ops-busy-01";
    /** Two machines whose rows are held: each stops one of the two heartbeat writers. */
    private static final List<String> BLOCKERS = List.of(
            "/subscriptions/" + SUBSCRIPTION_ID
                    + "/resourceGroups/ops-rg/providers/Microsoft.Compute/virtualMachines/ops-blocker-01",
            "/subscriptions/" + SUBSCRIPTION_ID
                    + "/resourceGroups/ops-rg/providers/Microsoft.Compute/virtualMachines/ops-blocker-02");

    private static final String AMA_DOWN = Finding.idFor("CW-AGENT-AMA-DOWN", BUSY);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "coverwatch.evaluation.heartbeat.threshold")
    Duration threshold;

    @Inject
    DataSource dataSource;

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-lead", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void aMachineHeartbeatingBehindABacklogIsNeverFoundSilent() throws Exception {
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            send(kafka, new ResourceUpserted(machineWithAma(BUSY), "b1"));
            for (String blocker : BLOCKERS) {
                send(kafka, heartbeat(blocker, Instant.now()));
            }
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                send(kafka, heartbeat(BUSY, Instant.now()));
                given().queryParam("resourceId", BUSY).get("/api/agents").then().body("[0].status", equalTo("HEALTHY"));
                for (String blocker : BLOCKERS) {
                    given().queryParam("resourceId", blocker)
                            .get("/api/agents")
                            .then()
                            .body("size()", is(1));
                }
            });

            // Its newest heartbeat written (the stream is read to its end), so nothing of it waits in memory.
            Instant lastBefore = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            send(kafka, heartbeat(BUSY, lastBefore));
            await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(lastBefore, lastHeartbeat(BUSY)));

            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> holdRows(locked, release));
            assertTrue(locked.await(10, TimeUnit.SECONDS), "the blockers' rows are held");
            try {
                // Each blocker's first legacy agent heartbeat, in a batch of its own, stops a writer on its row (it may
                // change the machine's state, so it is written, not held); every batch after them in the stream waits.
                for (String blocker : BLOCKERS) {
                    send(kafka, heartbeat(blocker, AgentHeartbeat.LEGACY_DIRECT_AGENT, Instant.now()));
                    Thread.sleep(1000);
                }
                Instant stalledSince = lastHeartbeat(BUSY);
                Instant until = Instant.now().plus(threshold.multipliedBy(4));
                while (Instant.now().isBefore(until)) {
                    send(kafka, heartbeat(BUSY, Instant.now()));
                    given().queryParam("resourceId", BUSY)
                            .get("/api/agents")
                            .then()
                            .body("[0].status", equalTo("HEALTHY"));
                    Thread.sleep(500);
                }
                assertEquals(stalledSince, lastHeartbeat(BUSY), "the backlog held the machine's heartbeats back");
            } finally {
                release.countDown();
                holder.get(10, TimeUnit.SECONDS);
            }

            // The backlog drains: the queued heartbeats arrive, and the machine was never found silent.
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> assertTrue(
                            lastHeartbeat(BUSY).isAfter(Instant.now().minus(threshold)),
                            "the queued heartbeats are recorded"));
            given().get("/api/findings/" + AMA_DOWN).then().statusCode(404);

            // Silent for real once its heartbeats stop: the stream is heard up to now, and the finding opens.
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/findings/" + AMA_DOWN)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("open")));
        }
    }

    private void holdRows(CountDownLatch locked, CountDownLatch release) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select 1 from agent_heartbeat where resource_key in (?, ?) for update")) {
                statement.setString(1, AzureResource.normalizeId(BLOCKERS.get(0)));
                statement.setString(2, AzureResource.normalizeId(BLOCKERS.get(1)));
                statement.executeQuery().close();
                locked.countDown();
                release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                connection.rollback();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant lastHeartbeat(String resourceId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select last_ama from agent_heartbeat where resource_key = ?")) {
            statement.setString(1, AzureResource.normalizeId(resourceId));
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), resourceId + " has a heartbeat row");
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    private static AgentHeartbeat heartbeat(String resourceId, Instant at) {
        return heartbeat(resourceId, AgentHeartbeat.AZURE_MONITOR_AGENT, at);
    }

    private static AgentHeartbeat heartbeat(String resourceId, String category, Instant at) {
        String computer = resourceId.substring(resourceId.lastIndexOf('/') + 1);
        return new AgentHeartbeat(resourceId, computer, category, "Linux", "1.1", "10.0.0.9", at, "GB");
    }

    /** A running Linux VM with the Azure Monitor Agent installed. */
    private static AzureResource machineWithAma(String resourceId) {
        return new AzureResource(
                resourceId,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                resourceId.substring(resourceId.lastIndexOf('/') + 1),
                SUBSCRIPTION_ID,
                "ops-rg",
                "uksouth",
                Map.of(),
                new VirtualMachineDetails(
                        "Linux",
                        "PowerState/running",
                        List.of(new VmExtension(
                                "AzureMonitorLinuxAgent",
                                "Microsoft.Azure.Monitor",
                                "AzureMonitorLinuxAgent",
                                "1.1",
                                "Succeeded",
                                null))));
    }

    private static void send(KafkaProbe kafka, CoverwatchEvent data) throws Exception {
        kafka.send(CloudEventCodec.encode(new CloudEvent<>(UUID.randomUUID().toString(), "/test", Instant.now(), data))
                .producerRecord());
    }
}
