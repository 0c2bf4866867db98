package io.coverwatch.inventory.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Five subscriptions read two at a time: two, two, then the last one; nothing read for none. */
class BatchesTest {

    @Test
    void consecutiveBatchesTheLastShorter() {
        assertEquals(
                List.of(List.of("sub-1", "sub-2"), List.of("sub-3", "sub-4"), List.of("sub-5")),
                Batches.of(List.of("sub-1", "sub-2", "sub-3", "sub-4", "sub-5"), 2));
        assertEquals(List.of(List.of("sub-1", "sub-2")), Batches.of(List.of("sub-1", "sub-2"), 2));
        assertEquals(List.of(), Batches.of(List.of(), 2));
    }

    @Test
    void aBatchHoldsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> Batches.of(List.of("sub-1"), 0));
    }
}
