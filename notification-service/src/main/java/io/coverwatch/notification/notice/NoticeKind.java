package io.coverwatch.notification.notice;

/** What a notice is about: a finding, or one step of a remediation's life. */
public enum NoticeKind {
    FINDING,
    REMEDIATION_PLANNED,
    /** Carries in {@link Notice#remediation()} what approving would do. */
    REMEDIATION_AWAITING_APPROVAL,
    REMEDIATION_EXECUTED,
    REMEDIATION_VERIFIED,
    REMEDIATION_FAILED,
    REMEDIATION_ESCALATED,
    REMEDIATION_APPROVED,
    REMEDIATION_REJECTED,
    REMEDIATION_REFUSED,
    REMEDIATION_CANCELLED;

    /**
     * Whether a notice of this kind tells of something that happened once (a remediation step) rather than a state
     * that stands until it resolves (a finding): it is told once, then leaves its group, and it never resolves.
     */
    public boolean happensOnce() {
        return this != FINDING;
    }
}
