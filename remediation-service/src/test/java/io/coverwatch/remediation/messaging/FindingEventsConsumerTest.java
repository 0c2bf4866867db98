package io.coverwatch.remediation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * remediation-service's finding consumer over the real broker and database: a handler whose connection is lost under
 * it is retried until the event is handled, nothing dead-lettered; an unreadable record is dead-lettered, counted.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class FindingEventsConsumerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DEV_TEST_03 = "/subscriptions/22222222-2222-2222-2222-222222222222"
            + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private KafkaProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaProbe(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aHandlerWhoseConnectionIsLostIsRetriedUntilTheEventIsHandledAndNothingIsDeadLettered() throws Exception {
        double deadLettered = deadLetters("unhandled");
        EncodedEvent resolved = CloudEventCodec.encode(new CloudEvent<>(
                "resolved-" + UUID.randomUUID(), "/test", Instant.now(), new FindingResolved(devTest03AmaDown())));

        // Another transaction holds the event's ID, so the handler's first statement waits on it.
        CountDownLatch idHeld = new CountDownLatch(1);
        CountDownLatch handlerCut = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    Panache.getEntityManager()
                            .createNativeQuery(
                                    "insert into processed_event (event_id, processed_at) values (:id, now())")
                            .setParameter("id", resolved.id())
                            .executeUpdate();
                    idHeld.countDown();
                    awaitLatch(handlerCut);
                    throw new RolledBack();
                });
            } catch (RolledBack expected) {
                // the holder never commits: the event is the handler's to record
            }
        });
        assertTrue(idHeld.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        kafka.send(resolved.producerRecord());

        // The database drops the handler's connection while it waits (what a restart or a network cut does).
        await().atMost(TIMEOUT).until(() -> terminateWaitingInserts() == 1);
        handlerCut.countDown();
        holder.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        await().atMost(TIMEOUT).until(() -> handled(resolved.id()));
        kafka.awaitCaughtUp("remediation-service", Topics.FINDINGS, TIMEOUT);
        assertEquals(deadLettered, deadLetters("unhandled"), "nothing dead-lettered");
    }

    @Test
    void anUnreadableFindingIsDeadLetteredWithItsReasonAndCounted() throws Exception {
        double deadLettered = deadLetters("unreadable");
        EncodedEvent valid = CloudEventCodec.encode(new CloudEvent<>(
                "unreadable-" + UUID.randomUUID(), "/test", Instant.now(), new FindingResolved(devTest03AmaDown())));
        kafka.send(new ProducerRecord<>(
                Topics.FINDINGS,
                null,
                valid.key(),
                "{\"finding\": 42}".getBytes(StandardCharsets.UTF_8),
                valid.kafkaHeaders()));

        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(
                Topics.deadLetter(Topics.FINDINGS),
                record -> KafkaProbe.header(record, "ce_id")
                        .filter(valid.id()::equals)
                        .isPresent(),
                TIMEOUT);
        String reason =
                KafkaProbe.header(dead, Topics.DEAD_LETTER_REASON_HEADER).orElseThrow();
        assertTrue(reason.contains(valid.id() + " is not readable"), reason);
        await().atMost(TIMEOUT).until(() -> deadLetters("unreadable") == deadLettered + 1);
        assertTrue(!handled(valid.id()), "an unreadable record is not handled");
    }

    private static Finding devTest03AmaDown() {
        Instant opened = Instant.now().minus(Duration.ofHours(4));
        return new Finding(
                Finding.idFor("CW-AGENT-AMA-DOWN", DEV_TEST_03),
                "CW-AGENT-AMA-DOWN",
                "Azure Monitor Agent is down",
                Severity.HIGH,
                DEV_TEST_03,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                "22222222-2222-2222-2222-222222222222",
                FindingStatus.RESOLVED,
                null,
                null,
                opened,
                Instant.now(),
                null,
                null,
                null);
    }

    /** Ends the sessions waiting to insert a processed event ID; how many there were. */
    private static long terminateWaitingInserts() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                                + " where datname = current_database() and wait_event_type = 'Lock'"
                                + " and query like 'insert into processed_event%'")
                        .getSingleResult())
                .longValue());
    }

    private static boolean handled(String eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                        .createNativeQuery("select count(*) from processed_event where event_id = :id")
                                        .setParameter("id", eventId)
                                        .getSingleResult())
                                .longValue()
                        == 1);
    }

    /** The dead-letter count of the findings topic for {@code cause}, as {@code /q/metrics} shows it. */
    private double deadLetters(String cause) {
        return given().get(metrics)
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(line -> line.startsWith("coverwatch_dead_letters_total{")
                        && line.contains("cause=\"" + cause + "\"")
                        && line.contains("topic=\"" + Topics.FINDINGS + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Ends the holder's transaction without a commit. */
    private static final class RolledBack extends RuntimeException {}

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the handler never waited on the event's ID");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
