package io.coverwatch.contracts.cloudevents;

/**
 * A message that is not a readable Coverwatch CloudEvent. Consumers dead-letter it with {@link #getMessage()} as the
 * reason and go on; retrying it cannot help.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
