package io.coverwatch.inventory.eventhubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.azure.messaging.eventhubs.models.Checkpoint;
import com.azure.messaging.eventhubs.models.PartitionOwnership;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class PostgresCheckpointStoreTest {

    private static final String NAMESPACE = "contoso-soc.servicebus.windows.net";
    private static final String HUB = "am-heartbeat";
    private static final String GROUP = "coverwatch";

    @Inject
    PostgresCheckpointStore store;

    private static PartitionOwnership ownership(String partition, String owner, String etag) {
        return new PartitionOwnership()
                .setFullyQualifiedNamespace(NAMESPACE)
                .setEventHubName(HUB)
                .setConsumerGroup(GROUP)
                .setPartitionId(partition)
                .setOwnerId(owner)
                .setETag(etag);
    }

    @Test
    void ownershipIsClaimedOptimisticallyAsTheProcessorExpects() {
        List<PartitionOwnership> first = store.claimOwnership(
                        List.of(ownership("0", "inventory-a", null), ownership("1", "inventory-a", null)))
                .collectList()
                .block();
        assertEquals(2, first.size());
        String etag = first.get(0).getETag();
        assertNotNull(etag);

        assertEquals(
                List.of(),
                store.claimOwnership(List.of(ownership("0", "inventory-b", null)))
                        .collectList()
                        .block(),
                "a partition someone owns is not claimed without its ETag");
        assertEquals(
                List.of(),
                store.claimOwnership(List.of(ownership("0", "inventory-b", "stale")))
                        .collectList()
                        .block(),
                "nor with a stale one");
        List<PartitionOwnership> taken = store.claimOwnership(List.of(ownership("0", "inventory-b", etag)))
                .collectList()
                .block();
        assertEquals(1, taken.size());
        assertNotEquals(etag, taken.get(0).getETag());

        assertEquals(
                List.of("0=inventory-b", "1=inventory-a"),
                store.listOwnership(NAMESPACE, HUB, GROUP)
                        .map(owned -> owned.getPartitionId() + "=" + owned.getOwnerId())
                        .sort()
                        .collectList()
                        .block());
    }

    @Test
    void aCheckpointIsKeptAndMovesForward() {
        Checkpoint checkpoint = new Checkpoint()
                .setFullyQualifiedNamespace(NAMESPACE)
                .setEventHubName(HUB)
                .setConsumerGroup(GROUP)
                .setPartitionId("3")
                .setOffsetString("1024")
                .setSequenceNumber(41L);
        store.updateCheckpoint(checkpoint).block();
        store.updateCheckpoint(checkpoint.setOffsetString("2048").setSequenceNumber(42L))
                .block();

        List<Checkpoint> checkpoints =
                store.listCheckpoints(NAMESPACE, HUB, GROUP).collectList().block();
        assertEquals(1, checkpoints.size());
        assertEquals("2048", checkpoints.get(0).getOffsetString());
        assertEquals(42L, checkpoints.get(0).getSequenceNumber());
    }
}
