package io.coverwatch.evaluation.rules;

/**
 * A secure-score control: a group of rules worth {@code maxPoints}. A control scores
 * {@code maxPoints × healthy / (healthy + unhealthy)} over the resources its rules evaluated.
 */
public enum Control {
    ENABLE_ENHANCED_SECURITY_FEATURES("Enable enhanced security features", 10);

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
