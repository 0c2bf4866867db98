package io.coverwatch.notification.delivery;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * What stands between one channel and its next message on this instance: the rate limit, a receiver's Retry-After, and
 * a circuit breaker that stops calling a receiver that keeps failing. In memory, per instance: two instances each keep
 * the rate, so together they may exceed it, and the receiver's 429 with Retry-After slows both. Thread-safe.
 */
final class ChannelGate {

    private static final Logger LOG = Logger.getLogger(ChannelGate.class);

    private final TokenBucket bucket;
    private final Guard circuit;
    private final Duration circuitDelay;
    private volatile Instant pausedUntil = Instant.MIN;
    /** Null while the circuit lets calls through. */
    private volatile Instant circuitOpenedAt;

    ChannelGate(String channelName, double ratePerSecond, CircuitSettings settings, Clock clock) {
        this.bucket = new TokenBucket(ratePerSecond, clock.instant());
        this.circuitDelay = settings.delay();
        this.circuit = Guard.create()
                .withDescription("channel " + channelName)
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.requestVolumeThreshold())
                .failureRatio(settings.failureRatio())
                .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                .failOn(TransientFailure.class)
                .onStateChange(state -> {
                    circuitOpenedAt = state == CircuitBreakerState.OPEN ? clock.instant() : null;
                    LOG.infof("Circuit of channel %s is %s", channelName, state);
                })
                .done()
                .build();
    }

    /** The circuit breaker's settings, from configuration. */
    record CircuitSettings(int requestVolumeThreshold, double failureRatio, Duration delay) {}

    double ratePerSecond() {
        return bucket.ratePerSecond();
    }

    /**
     * How long until the next message may go; zero when it may go now. An open circuit counts until its delay has
     * passed; then one trial call decides whether it closes.
     */
    Duration untilReady(Instant now) {
        Duration wait = bucket.untilToken(now);
        if (pausedUntil.isAfter(now)) {
            wait = max(wait, Duration.between(now, pausedUntil));
        }
        Instant opened = circuitOpenedAt;
        if (opened != null && opened.plus(circuitDelay).isAfter(now)) {
            wait = max(wait, Duration.between(now, opened.plus(circuitDelay)));
        }
        return wait;
    }

    boolean tryTake(Instant now) {
        return bucket.tryTake(now);
    }

    /** A receiver's Retry-After holds back every message of the channel, not only the one that was refused. */
    void pauseUntil(Instant at) {
        if (at.isAfter(pausedUntil)) {
            pausedUntil = at;
        }
    }

    /** Runs a call through the circuit breaker: a {@link TransientFailure} counts against the receiver. */
    <T> T call(Callable<T> call, Class<T> type) throws Exception {
        return circuit.call(call, type);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
