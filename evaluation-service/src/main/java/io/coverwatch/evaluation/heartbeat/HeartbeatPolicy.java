package io.coverwatch.evaluation.heartbeat;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.rules.agent.HeartbeatThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.stream.Stream;

/** The configured heartbeat thresholds: per tag, per subscription, and the default. */
@ApplicationScoped
public class HeartbeatPolicy {

    private final HeartbeatThresholds thresholds;
    private final Duration earliest;

    HeartbeatPolicy(EvaluationConfig config) {
        EvaluationConfig.Heartbeat heartbeat = config.heartbeat();
        this.thresholds = new HeartbeatThresholds(
                heartbeat.threshold(), heartbeat.subscriptionThresholds(), heartbeat.tagThresholds());
        this.earliest = Stream.concat(
                        Stream.of(heartbeat.threshold()),
                        Stream.concat(
                                heartbeat.subscriptionThresholds().values().stream(),
                                heartbeat.tagThresholds().values().stream()))
                .min(Duration::compareTo)
                .orElseThrow();
    }

    public Duration thresholdFor(AzureResource resource) {
        return thresholds.thresholdFor(resource);
    }

    /** The shortest threshold configured anywhere: no machine can go silent sooner than this. */
    public Duration earliest() {
        return earliest;
    }
}
