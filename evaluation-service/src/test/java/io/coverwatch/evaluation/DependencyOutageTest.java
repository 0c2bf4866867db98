package io.coverwatch.evaluation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.CloudEventHeaders;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfra;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.outbox.Outbox;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker or the database taken away under a running evaluation-service, as issue 14's drills do it: readiness
 * turns DOWN within seconds (a frozen broker too), requests are refused with 503 and Retry-After rather than 500, and
 * the events that arrive meanwhile wait for the database instead of going to a dead-letter topic.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DependencyOutageTest {

    private static final String DEV_SERVERS_PLAN =
            Finding.idFor("CW-DEF-SERVERS", AzureResource.subscriptionResourceId(SeedEstate.DEV));
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    LocalInfra infra;
    LocalTokenIssuer issuer;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @BeforeEach
    void readyAndSignedIn() {
        SignedIn.as(issuer, "soc-lead", Roles.READER, Roles.OPERATOR);
        await().atMost(RECOVERY)
                .untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void aFrozenBrokerTurnsReadinessDownWithinSecondsAndUpAgainWhenItAnswers() {
        infra.withKafkaFrozen(() -> await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get(readiness)
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("DOWN"))));
        await().atMost(RECOVERY)
                .untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }

    /**
     * An event to publish while the broker does not answer: the relay waits for the broker with no database
     * transaction open (it claimed the row in a short one), so no connection sits idle in a transaction holding row
     * locks for the send timeout.
     */
    @Test
    void theOutboxRelayHoldsNoTransactionWhileTheBrokerDoesNotAnswer() {
        String machine = AzureResource.subscriptionResourceId(SeedEstate.DEV)
                + "/resourceGroups/relay-rg/providers/Microsoft.Compute/virtualMachines/relay-" + UUID.randomUUID();
        infra.withKafkaFrozen(() -> {
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.enqueue(new CloudEvent<>(
                            UUID.randomUUID().toString(),
                            "/test",
                            Instant.now(),
                            new ResourceDeleted(machine, AzureResource.VIRTUAL_MACHINE_TYPE, SeedEstate.DEV))));
            await().pollDelay(Duration.ofSeconds(1))
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> QuarkusTransaction.requiringNew().call(this::idleInTransaction) == 0);
        });
        await().atMost(RECOVERY)
                .untilAsserted(() -> assertEquals(
                        0L, QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                                        .createNativeQuery("select count(*) from outbox_event")
                                        .getSingleResult())
                                .longValue())));
    }

    /** Other connections of this database that have sat in an open transaction, doing nothing, for over a second. */
    private long idleInTransaction() {
        return ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                                + " and pid <> pg_backend_pid() and state = 'idle in transaction'"
                                + " and state_change < now() - interval '1 second'")
                        .getSingleResult())
                .longValue();
    }

    @Test
    void aStoppedDatabaseIsA503WithRetryAfterAndTheEventsMeanwhileWaitForIt() throws Exception {
        Instant heartbeatDuringTheOutage = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> sentDuringTheOutage = new ArrayList<>();
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            send(kafka, new ResourceUpserted(SeedEstate.prodSubscription(), "prod"));
            send(kafka, new ResourceUpserted(SeedEstate.prodDb01(), "db"));
            kafka.awaitCaughtUp("evaluation-service", Topics.RESOURCES, RECOVERY);

            infra.withPostgresStopped(() -> {
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> given().get(readiness).then().statusCode(503));
                given().get("/api/findings")
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", is("5"))
                        .body("detail", containsString("The database did not answer"));
                given().contentType(ContentType.JSON)
                        .body(Map.of(
                                "scope",
                                SeedEstate.prodDb01().id(),
                                "ruleId",
                                "CW-AGENT-AMA-DOWN",
                                "reason",
                                "maintenance window",
                                "expiry",
                                Instant.now().plus(Duration.ofHours(2)).toString()))
                        .post("/api/exemptions")
                        .then()
                        .statusCode(503)
                        .header("Retry-After", is("5"));
                try {
                    // dev-subscription's Servers plan is off, and dev-test-03 is a server it leaves unprotected.
                    sentDuringTheOutage.add(send(kafka, new ResourceUpserted(SeedEstate.devSubscription(), "dev")));
                    sentDuringTheOutage.add(send(kafka, new ResourceUpserted(SeedEstate.devTest03(), "dev-test-03")));
                    sentDuringTheOutage.add(send(kafka, heartbeatOfProdDb01(heartbeatDuringTheOutage)));
                    // Longer than the few seconds a failing handler is tried before its event is given up as a bug,
                    // and than the minute after which SmallRye fails a channel whose record waits unacknowledged
                    // (the fault drill's 60 s outage stopped the heartbeats consumer for good that way).
                    Thread.sleep(Duration.ofSeconds(65).toMillis());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            await().atMost(RECOVERY).untilAsserted(() -> given().get("/api/findings/" + DEV_SERVERS_PLAN)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("open")));
            await().atMost(RECOVERY).untilAsserted(() -> given().queryParam(
                            "resourceId", SeedEstate.prodDb01().id())
                    .get("/api/agents")
                    .then()
                    .statusCode(200)
                    .body("[0].lastHeartbeat", equalTo(heartbeatDuringTheOutage.toString())));
            for (String topic : List.of(Topics.RESOURCES, Topics.HEARTBEATS)) {
                assertEquals(
                        List.of(),
                        kafka.readAll(Topics.deadLetter(topic)).stream()
                                .filter(record -> KafkaProbe.header(record, CloudEventHeaders.ID)
                                        .filter(sentDuringTheOutage::contains)
                                        .isPresent())
                                .toList(),
                        "dead-lettered from " + topic);
            }
        }
    }

    private static AgentHeartbeat heartbeatOfProdDb01(Instant at) {
        return new AgentHeartbeat(
                SeedEstate.prodDb01().id(),
                "prod-db-01",
                AgentHeartbeat.AZURE_MONITOR_AGENT,
                "Windows",
                "1.1",
                "10.0.0.5",
                at,
                "GB");
    }

    /** Returns the event's ID. */
    private static String send(KafkaProbe kafka, CoverwatchEvent data) throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(CloudEventCodec.encode(new CloudEvent<>(id, "/test", Instant.now(), data))
                .producerRecord());
        return id;
    }
}
