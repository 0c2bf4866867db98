package io.coverwatch.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final RetryPolicy policy =
            new RetryPolicy(8, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofHours(1));

    @Test
    void aSuccessIsDelivered() {
        assertInstanceOf(RetryPolicy.MarkDelivered.class, policy.decide(new SendOutcome.Delivered(200), 0, NOW, 0.5));
    }

    @Test
    void a429WaitsExactlyTheRetryAfterAndNoLess() {
        RetryPolicy.Decision decision =
                policy.decide(new SendOutcome.RateLimited(Optional.of(Duration.ofSeconds(30))), 0, NOW, 0.0);
        assertEquals(new RetryPolicy.RetryAt(NOW.plusSeconds(30)), decision);
    }

    @Test
    void aRetryAfterBeyondTheCapIsCapped() {
        RetryPolicy.Decision decision =
                policy.decide(new SendOutcome.RateLimited(Optional.of(Duration.ofDays(2))), 0, NOW, 0.0);
        assertEquals(new RetryPolicy.RetryAt(NOW.plus(Duration.ofHours(1))), decision);
    }

    @Test
    void a429WithoutRetryAfterBacksOff() {
        RetryPolicy.Decision decision = policy.decide(new SendOutcome.RateLimited(Optional.empty()), 0, NOW, 1.0);
        assertEquals(new RetryPolicy.RetryAt(NOW.plusSeconds(2)), decision);
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitterUpToTheCap() {
        for (int attempts = 1; attempts <= 12; attempts++) {
            Duration exponential = Duration.ofSeconds(2).multipliedBy(1L << Math.min(attempts - 1, 20));
            Duration base = exponential.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : exponential;
            assertEquals(base.dividedBy(2), policy.backoff(attempts, 0.0), "least wait after attempt " + attempts);
            assertTrue(policy.backoff(attempts, 0.999).compareTo(base) <= 0, "most wait after attempt " + attempts);
            assertTrue(policy.backoff(attempts, 0.999)
                            .compareTo(base.multipliedBy(9).dividedBy(10))
                    > 0);
        }
        assertEquals(Duration.ofMinutes(5), policy.backoff(40, 0.0));
    }

    @Test
    void aClientErrorParksAtOnceWithTheReceiversReason() {
        RetryPolicy.Decision decision =
                policy.decide(new SendOutcome.Rejected(400, "HTTP 400: invalid_payload"), 0, NOW, 0.5);
        assertEquals(new RetryPolicy.Park("HTTP 400: invalid_payload"), decision);
    }

    @Test
    void theLastAttemptParksWhateverFailed() {
        SendOutcome failed = new SendOutcome.Failed(503, "HTTP 503");
        assertInstanceOf(RetryPolicy.RetryAt.class, policy.decide(failed, 6, NOW, 0.5));
        assertEquals(new RetryPolicy.Park("gave up after 8 attempts: HTTP 503"), policy.decide(failed, 7, NOW, 0.5));
        assertInstanceOf(
                RetryPolicy.Park.class,
                policy.decide(new SendOutcome.RateLimited(Optional.of(Duration.ofSeconds(1))), 7, NOW, 0.5));
    }

    @Test
    void anOpenCircuitSendsNothingAndCountsNothing() {
        RetryPolicy.Decision decision = policy.decide(new SendOutcome.NotSent("circuit open"), 7, NOW, 0.5);
        assertInstanceOf(RetryPolicy.Release.class, decision);
        assertFalse(decision.counted());
    }
}
