package io.coverwatch.notification.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What happens to a message after an attempt: delivered, tried again at a given time, or parked. A 429 waits for the
 * receiver's Retry-After (capped); server errors and timeouts back off exponentially with jitter; other 4xx park at
 * once; the last allowed attempt parks whatever failed.
 *
 * @param maxAttempts    attempts before a message is parked
 * @param initialBackoff the wait after the first failure; it doubles with each further one
 * @param maxBackoff     the longest wait between attempts
 * @param maxRetryAfter  the longest Retry-After honoured as given
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** The next step for a message. */
    public sealed interface Decision {
        /** Whether the attempt counts toward {@link #maxAttempts()}. */
        default boolean counted() {
            return true;
        }
    }

    public record MarkDelivered() implements Decision {}

    public record RetryAt(Instant at) implements Decision {}

    public record Park(String reason) implements Decision {}

    /** Nothing was sent: back to pending, due at once (the channel's gate decides when), the attempt not counted. */
    public record Release() implements Decision {
        @Override
        public boolean counted() {
            return false;
        }
    }

    /**
     * @param attemptsBefore attempts already made before this one
     * @param random         a number in [0, 1) for the jitter
     */
    public Decision decide(SendOutcome outcome, int attemptsBefore, Instant now, double random) {
        int attempts = attemptsBefore + 1;
        if (outcome instanceof SendOutcome.Delivered) {
            return new MarkDelivered();
        }
        if (outcome instanceof SendOutcome.NotSent) {
            return new Release();
        }
        if (outcome instanceof SendOutcome.Rejected rejected) {
            return new Park(rejected.error());
        }
        if (attempts >= maxAttempts) {
            return new Park("gave up after " + attempts + " attempts: " + outcome.error());
        }
        Duration wait = outcome instanceof SendOutcome.RateLimited limited
                ? limited.retryAfter().map(this::capped).orElseGet(() -> backoff(attempts, random))
                : backoff(attempts, random);
        return new RetryAt(now.plus(wait));
    }

    /** Half the exponential delay plus a random share of the other half, so retries from many messages spread out. */
    Duration backoff(int attempts, double random) {
        Duration exponential = initialBackoff.multipliedBy(1L << Math.min(attempts - 1, 30));
        Duration base = exponential.compareTo(maxBackoff) > 0 || exponential.isNegative() ? maxBackoff : exponential;
        long halfMillis = base.toMillis() / 2;
        return Duration.ofMillis(halfMillis + (long) (random * (base.toMillis() - halfMillis)));
    }

    private Duration capped(Duration retryAfter) {
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }
}
