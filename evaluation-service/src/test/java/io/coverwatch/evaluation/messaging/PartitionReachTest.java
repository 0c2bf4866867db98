package io.coverwatch.evaluation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two batches of a partition written side by side may finish in either order; the stream counts as heard only up to a
 * batch with none still being written before it.
 */
class PartitionReachTest {

    private static final Instant T = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void aLaterBatchRecordedFirstWaitsForTheEarlierOne() {
        PartitionReach reach = new PartitionReach(100);

        reach.recorded(150, 199, T.plusSeconds(2));
        assertEquals(100, reach.nextOffset(), "offsets 100-149 are still being written");
        assertEquals(Optional.empty(), reach.lastSent());

        reach.recorded(100, 149, T.plusSeconds(1));
        assertEquals(200, reach.nextOffset());
        assertEquals(Optional.of(T.plusSeconds(2)), reach.lastSent());
    }

    @Test
    void batchesInOrderMoveTheReachEachTime() {
        PartitionReach reach = new PartitionReach(0);
        reach.recorded(0, 9, T);
        assertEquals(10, reach.nextOffset());
        reach.recorded(10, 19, T.plusSeconds(1));
        assertEquals(20, reach.nextOffset());
        assertEquals(Optional.of(T.plusSeconds(1)), reach.lastSent());
    }

    @Test
    void aBatchReadAgainNeverMovesTheReachBack() {
        PartitionReach reach = new PartitionReach(0);
        reach.recorded(0, 19, T.plusSeconds(2));
        reach.recorded(0, 9, T.plusSeconds(1)); // redelivered after a retry
        assertEquals(20, reach.nextOffset());
        assertEquals(Optional.of(T.plusSeconds(2)), reach.lastSent());
    }
}
