package io.coverwatch.remediation.planning;

/** The fixes Coverwatch knows how to make (DESIGN.md §4). */
public enum RemediationAction {
    /** Turns a Defender plan on for a subscription. It costs money, so it waits for approval by default. */
    ENABLE_DEFENDER_PLAN("enable-defender-plan", true);

    private final String id;
    private final boolean approvalByDefault;

    RemediationAction(String id, boolean approvalByDefault) {
        this.id = id;
        this.approvalByDefault = approvalByDefault;
    }

    public String id() {
        return id;
    }

    public boolean approvalByDefault() {
        return approvalByDefault;
    }
}
