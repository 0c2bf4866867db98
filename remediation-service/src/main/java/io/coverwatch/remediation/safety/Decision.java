package io.coverwatch.remediation.safety;

import io.coverwatch.remediation.catalog.ArmRequest;
import java.time.Instant;
import java.util.Objects;

/** What the safety gate lets a plan do, with the reason a SOC reader sees in the audit trail. */
public sealed interface Decision {

    String reason();

    /** Send the request now. */
    record Execute(String reason) implements Decision {}

    /** Dry-run mode: nothing is sent; the request is what would be. */
    record DryRun(ArmRequest request, String reason) implements Decision {
        public DryRun {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A person approves first.
     *
     * @param blastRadiusCap true when the cap stopped it rather than a policy: the stop is announced
     */
    record AwaitApproval(String reason, boolean blastRadiusCap) implements Decision {}

    /** Not now: the rate limit has no room before {@code notBefore}. */
    record Deferred(Instant notBefore, String reason) implements Decision {}

    /** Never, as things stand (kill switch, opt-out, policy, breaker, attempts spent). */
    record Refused(String reason) implements Decision {}

    /** This finding episode's action was already taken: a redelivery, ignored. */
    record AlreadyActed(String idempotencyKey, String reason) implements Decision {}
}
