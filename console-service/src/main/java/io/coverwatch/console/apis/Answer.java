package io.coverwatch.console.apis;

import java.util.Optional;

/**
 * What one API call gave: the value, or why not. A page renders what it got and says, for each part it could not get,
 * which service did not answer or refused.
 */
public sealed interface Answer<T> {

    record Found<T>(T value) implements Answer<T> {}

    /** 404: the ID names nothing. */
    record Missing<T>(CoverwatchApi api) implements Answer<T> {}

    /** The service answered with another 4xx (403 for a role the person lacks, 409 for a stale action). */
    record Refused<T>(CoverwatchApi api, int status, String detail) implements Answer<T> {}

    /** No answer, a 5xx, or one the console could not read. */
    record Unreachable<T>(CoverwatchApi api, String reason) implements Answer<T> {}

    default Optional<T> found() {
        return this instanceof Found<T> found ? Optional.of(found.value()) : Optional.empty();
    }

    default boolean missing() {
        return this instanceof Missing<T>;
    }

    /** The sentence a page shows for a part it could not render; empty when the value was found. */
    default Optional<String> problem() {
        if (this instanceof Missing<T> missing) {
            return Optional.of(missing.api().serviceName() + " knows no such item");
        }
        if (this instanceof Refused<T> refused) {
            return Optional.of(
                    refused.api().serviceName() + " refused (" + refused.status() + "): " + refused.detail());
        }
        if (this instanceof Unreachable<T> down) {
            return Optional.of(down.api().serviceName() + " did not answer (" + down.reason() + ")");
        }
        return Optional.empty();
    }
}
