package io.coverwatch.notification.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * A channel's rate limit: one token per message, refilled at the channel's rate, holding at most one, so messages go
 * evenly spaced and never faster than the rate in any window. Thread-safe.
 */
final class TokenBucket {

    private final double ratePerSecond;
    private double tokens = 1;
    private Instant refilledAt;

    TokenBucket(double ratePerSecond, Instant now) {
        this.ratePerSecond = ratePerSecond;
        this.refilledAt = now;
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    /** How long until a token is there; zero when one is. */
    synchronized Duration untilToken(Instant now) {
        refill(now);
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / ratePerSecond * 1e9));
    }

    /** Takes a token; false (and nothing taken) when there is none yet. */
    synchronized boolean tryTake(Instant now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            double elapsedSeconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(1, tokens + elapsedSeconds * ratePerSecond);
            refilledAt = now;
        }
    }
}
