package io.coverwatch.evaluation.rules;

/**
 * A secure-score control: a group of rules worth {@code maxPoints}. A control scores
 * {@code maxPoints × healthy / (healthy + unhealthy)} over the resources its rules evaluated. The weights are
 * Coverwatch's: coverage and monitoring, what it exists to watch, weigh most.
 */
public enum Control {
    ENABLE_ENHANCED_SECURITY_FEATURES("Enable enhanced security features", 10),
    /** Machines report through their agents: monitoring agent installed, monitored, agent up, Arc connected. */
    MONITOR_MACHINES("Keep machines monitored", 8),
    ENABLE_ENDPOINT_PROTECTION("Enable endpoint protection", 4),
    /** What the agents collect and where it goes: auto-provisioning, data collection rules, workspace, agent version. */
    CONFIGURE_DATA_COLLECTION("Configure data collection", 4),
    /** Benchmark assignment, platform versions and Defender for Cloud's own recommendations. */
    REMEDIATE_SECURITY_CONFIGURATIONS("Remediate security configurations", 4);

    private final String title;
    private final int maxPoints;

    Control(String title, int maxPoints) {
        this.title = title;
        this.maxPoints = maxPoints;
    }

    public String title() {
        return title;
    }

    public int maxPoints() {
        return maxPoints;
    }
}
