package io.coverwatch.remediation.lifecycle;

import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a remediation stands (DESIGN.md §4). */
@Schema(
        description = "Where a remediation stands: DRY_RUN (described with the exact request it would send; nothing"
                + " changed), MANUAL (steps a person must take), AWAITING_APPROVAL, QUEUED (allowed; waits for the"
                + " executor and any notBefore), EXECUTING, EXECUTED (waiting for the finding to resolve), VERIFIED"
                + " (it resolved: done), FAILED, ESCALATED (the finding did not resolve in time), REJECTED (a person"
                + " said no), REFUSED (the safety gate said no), CANCELLED (the finding resolved or the resource went"
                + " before it acted).")
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
