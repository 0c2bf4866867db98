package io.coverwatch.evaluation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventHeaders;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.outbox.Outbox;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay over the real database and broker: the events of one resource, written by several transactions and
 * more than a round holds, reach Kafka once each and in the order they were written, and leave no row behind.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class OutboxRelayTest {

    /** Three transactions of 450: more than one relay round (500) holds, and rounds that span transactions. */
    private static final int TRANSACTIONS = 3;

    private static final int EVENTS_PER_TRANSACTION = 450;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aResourcesEventsLeaveOnceEachInTheOrderTheyWereWritten() {
        String machine = AzureResource.subscriptionResourceId(SeedEstate.DEV)
                + "/resourceGroups/relay-rg/providers/Microsoft.Compute/virtualMachines/order-" + UUID.randomUUID();
        List<String> written = new ArrayList<>();
        for (int transaction = 0; transaction < TRANSACTIONS; transaction++) {
            List<CloudEvent<ResourceDeleted>> events = IntStream.range(0, EVENTS_PER_TRANSACTION)
                    .mapToObj(event -> new CloudEvent<>(
                            UUID.randomUUID().toString(),
                            "/test",
                            Instant.now(),
                            new ResourceDeleted(machine, AzureResource.VIRTUAL_MACHINE_TYPE, SeedEstate.DEV)))
                    .toList();
            QuarkusTransaction.requiringNew().run(() -> outbox.enqueueAll(events));
            events.forEach(event -> written.add(event.id()));
        }

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertEquals(written, idsOnTheTopic(kafka, machine)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0L, rowsLeftFor(machine)));
    }

    /** The CloudEvent IDs on the resources topic under the machine's key, in the order a consumer reads them. */
    private static List<String> idsOnTheTopic(KafkaProbe kafka, String machine) {
        String key = AzureResource.normalizeId(machine);
        return kafka.readAll(Topics.RESOURCES).stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> KafkaProbe.header(record, CloudEventHeaders.ID).orElseThrow())
                .toList();
    }

    private static long rowsLeftFor(String machine) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(*) from outbox_event where event_key = :key")
                        .setParameter("key", AzureResource.normalizeId(machine))
                        .getSingleResult())
                .longValue());
    }
}
