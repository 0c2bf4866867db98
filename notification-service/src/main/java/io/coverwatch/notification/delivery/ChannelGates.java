package io.coverwatch.notification.delivery;

import io.coverwatch.notification.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link ChannelGate} per channel on this instance; a channel whose rate changed gets a fresh one. */
@ApplicationScoped
class ChannelGates {

    private final Map<UUID, ChannelGate> gates = new ConcurrentHashMap<>();
    private final ChannelGate.CircuitSettings circuit;
    private final Clock clock;

    ChannelGates(NotificationConfig config, Clock clock) {
        NotificationConfig.CircuitBreaker breaker = config.delivery().circuitBreaker();
        this.circuit = new ChannelGate.CircuitSettings(
                breaker.requestVolumeThreshold(), breaker.failureRatio(), breaker.delay());
        this.clock = clock;
    }

    ChannelGate of(DeliveryTarget target) {
        return gates.compute(
                target.channelId(),
                (id, gate) -> gate != null && gate.ratePerSecond() == target.ratePerSecond()
                        ? gate
                        : new ChannelGate(target.name(), target.ratePerSecond(), circuit, clock));
    }
}
