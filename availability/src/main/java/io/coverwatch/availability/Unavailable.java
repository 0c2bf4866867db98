package io.coverwatch.availability;

/**
 * A dependency (the broker, the database) did not answer in time: nothing was acknowledged, and the same request can be sent
 * again later. Thrown by code that waits for a dependency itself; {@link UnavailableProblems} answers it with 503.
 */
public class Unavailable extends RuntimeException {

    private final String dependency;

    /**
     * @param dependency what did not answer, as an operator names it ({@code the broker}, {@code the database})
     */
    public Unavailable(String dependency, String message, Throwable cause) {
        super(message, cause);
        this.dependency = dependency;
    }

    /** What did not answer. */
    public String dependency() {
        return dependency;
    }
}
