package io.coverwatch.evaluation.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far one heartbeat partition has been recorded, from batches that may be recorded out of order (two are written
 * side by side). The reach moves only over batches with none missing before them: a later batch recorded first waits
 * until the earlier one is, so the stream is never counted as heard past a heartbeat still being written.
 */
final class PartitionReach {

    /** A recorded batch of this partition: the offset after its last record, and that record's send time. */
    private record Batch(long nextOffset, Instant lastSent) {}

    /** Every record before this offset is recorded. */
    private long nextOffset;

    /** The send time of the record just before {@code nextOffset}, once a batch of this instance reached it. */
    private Instant lastSent;

    /** Batches recorded past a batch still being written, by their first offset. */
    private final TreeMap<Long, Batch> ahead = new TreeMap<>();

    /** @param startOffset where the partition's records start for this instance (its committed position) */
    PartitionReach(long startOffset) {
        this.nextOffset = startOffset;
    }

    synchronized void recorded(long firstOffset, long lastOffset, Instant lastRecordSent) {
        if (lastOffset < nextOffset) {
            return; // read again after a rebalance or a retry: already counted
        }
        ahead.put(firstOffset, new Batch(lastOffset + 1, lastRecordSent));
        Map.Entry<Long, Batch> head;
        while ((head = ahead.firstEntry()) != null && head.getKey() <= nextOffset) {
            ahead.pollFirstEntry();
            if (head.getValue().nextOffset() > nextOffset) {
                nextOffset = head.getValue().nextOffset();
                lastSent = head.getValue().lastSent();
            }
        }
    }

    /** Every record before it is recorded. */
    synchronized long nextOffset() {
        return nextOffset;
    }

    /** The send time of the last record recorded in order; empty until this instance recorded one. */
    synchronized Optional<Instant> lastSent() {
        return Optional.ofNullable(lastSent);
    }
}
