package io.coverwatch.inventory.azure;

import java.util.ArrayList;
import java.util.List;

/** A list cut into consecutive batches, the last possibly shorter: what Azure is asked, and what is recorded, at once. */
final class Batches {

    private Batches() {}

    /** Views of {@code items}, {@code size} each and in order (none for an empty list). */
    static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A batch holds at least one item, not " + size);
        }
        List<List<T>> batches = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }
}
