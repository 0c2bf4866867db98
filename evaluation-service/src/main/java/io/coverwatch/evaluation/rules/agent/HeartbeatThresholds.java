package io.coverwatch.evaluation.rules.agent;

import io.coverwatch.contracts.AzureResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How old a machine's last AMA heartbeat may be before the agent counts as down. The most specific setting wins: a
 * tag ({@code name=value}), then the subscription, then the default. When several of a resource's tags have a
 * threshold, the shortest applies (the strictest owner wins). Tag names, tag values and subscription IDs are compared
 * case-insensitively.
 *
 * @param defaultThreshold the threshold when nothing more specific is set
 * @param bySubscription   thresholds by subscription ID
 * @param byTag            thresholds by tag, keyed {@code name=value}
 */
public record HeartbeatThresholds(
        Duration defaultThreshold, Map<String, Duration> bySubscription, Map<String, Duration> byTag) {

    /** DESIGN.md §3.3: an agent heartbeats every minute, so 15 minutes of silence means it is down. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMinutes(15);

    public HeartbeatThresholds {
        positive(defaultThreshold, "default");
        bySubscription = normalised(bySubscription, "subscription");
        byTag = normalised(byTag, "tag");
        byTag.keySet().forEach(HeartbeatThresholds::requireTagForm);
    }

    /** Only the default of 15 minutes. */
    public static HeartbeatThresholds defaults() {
        return new HeartbeatThresholds(DEFAULT_THRESHOLD, Map.of(), Map.of());
    }

    public Duration thresholdFor(AzureResource resource) {
        Duration byTags = resource.tags().entrySet().stream()
                .map(tag -> byTag.get(key(tag.getKey() + "=" + tag.getValue())))
                .filter(Objects::nonNull)
                .min(Duration::compareTo)
                .orElse(null);
        if (byTags != null) {
            return byTags;
        }
        if (resource.subscriptionId() != null) {
            Duration bySub = bySubscription.get(key(resource.subscriptionId()));
            if (bySub != null) {
                return bySub;
            }
        }
        return defaultThreshold;
    }

    private static Map<String, Duration> normalised(Map<String, Duration> thresholds, String what) {
        Map<String, Duration> copy = new HashMap<>();
        if (thresholds != null) {
            thresholds.forEach((name, threshold) -> {
                positive(threshold, what + " " + name);
                copy.put(key(Objects.requireNonNull(name, what + " key")), threshold);
            });
        }
        return Map.copyOf(copy);
    }

    private static void positive(Duration threshold, String what) {
        if (threshold == null || threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException(
                    "The heartbeat threshold for " + what + " must be positive: " + threshold);
        }
    }

    private static void requireTagForm(String tag) {
        int equals = tag.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("A heartbeat threshold tag must read name=value: " + tag);
        }
    }

    private static String key(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
