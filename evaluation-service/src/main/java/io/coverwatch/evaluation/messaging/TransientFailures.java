package io.coverwatch.evaluation.messaging;

import org.jboss.logging.Logger;

/**
 * A handler's transaction can lose to another one (a deadlock victim, a serialization failure) with nothing wrong with
 * the event. Such a failure is retried a few times before the record is given up to the dead-letter topic; only an
 * event that stays unhandleable goes there.
 */
final class TransientFailures {

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);
    private static final int ATTEMPTS = 3;

    private TransientFailures() {}

    /** Runs the handler; a runtime failure is tried again, up to three attempts in all, with a short pause. */
    static void retry(String what, Runnable handler) {
        for (int attempt = 1; ; attempt++) {
            try {
                handler.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("Handling %s failed (attempt %d of %d), trying again: %s", what, attempt, ATTEMPTS, e);
                pause(100L * attempt);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying", e);
        }
    }
}
