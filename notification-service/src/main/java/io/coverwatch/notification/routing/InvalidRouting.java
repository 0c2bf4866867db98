package io.coverwatch.notification.routing;

/** A route, matcher, silence or inhibit rule that cannot be applied: the caller's mistake, a 400 on REST. */
public class InvalidRouting extends IllegalArgumentException {

    public InvalidRouting(String message) {
        super(message);
    }

    public InvalidRouting(String message, Throwable cause) {
        super(message, cause);
    }
}
