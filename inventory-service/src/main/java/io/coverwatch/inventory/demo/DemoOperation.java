package io.coverwatch.inventory.demo;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A named change to the demo estate, as the API lists and applies it: a scenario that breaks something or an action
 * that fixes it.
 *
 * @param spelling the name in the API, for example {@code agent-stops}
 * @param fields   the body fields it needs
 */
public record DemoOperation(String spelling, String description, List<String> fields, DemoChange change) {

    /** A scenario or an action: each is one {@link DemoOperation}. */
    public interface Named {
        DemoOperation operation();

        default String spelling() {
            return operation().spelling();
        }

        default String description() {
            return operation().description();
        }

        default List<String> fields() {
            return operation().fields();
        }

        default DemoResource apply(DemoResource target, DemoRequest request, Instant now) {
            return operation().change().apply(target, request, now);
        }
    }

    /** The one of {@code values} the API spells so; empty for an unknown or missing name. */
    static <T extends Named> Optional<T> named(T[] values, String spelling) {
        return Arrays.stream(values)
                .filter(value -> value.spelling().equals(spelling))
                .findFirst();
    }
}
