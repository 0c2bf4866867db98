package io.coverwatch.remediation.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/** Where a remediation stands (DESIGN.md §4). */
public enum RemediationStatus {
    /** Dry-run: described with the exact request it would send; nothing was changed. */
    DRY_RUN,
    /** No change of Coverwatch's can help: the steps a person must take. */
    MANUAL,
    /** Waits for a person's approval (policy, or the blast-radius cap). */
    AWAITING_APPROVAL,
    /** Allowed; waits for the executor (and, when deferred by the rate limit, for {@code notBefore}). */
    QUEUED,
    /** The executor is sending the change now. */
    EXECUTING,
    /** The change was made; waiting for the finding to resolve from fresh inventory. */
    EXECUTED,
    /** The finding resolved after the change: done. */
    VERIFIED,
    /** The executor could not make the change. */
    FAILED,
    /** The change was made but the finding did not resolve in time: a person must look. */
    ESCALATED,
    /** A person said no. */
    REJECTED,
    /** The safety gate said no: kill switch, opt-out tag, a never policy, an open breaker, spent reinstalls. */
    REFUSED,
    /** Stood down before acting: the finding resolved, or its resource no longer exists. */
    CANCELLED;

    /** Still waiting to act: a resolved finding or a deleted resource cancels these. */
    public static final Set<RemediationStatus> PENDING = EnumSet.of(AWAITING_APPROVAL, QUEUED);
}
