package io.coverwatch.remediation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of remediation-service ({@code coverwatch.remediation.*}). */
@ConfigMapping(prefix = "coverwatch.remediation")
public interface RemediationConfig {

    /**
     * Describe what each action would do without doing it, until an operator turns dry-run off through
     * {@code PUT /api/safety/dry-run}. On by default: a fresh install changes nothing.
     */
    @WithDefault("true")
    boolean dryRun();

    /** The CloudEvents {@code source} of this service's events. */
    @WithDefault("/coverwatch/remediation-service")
    String eventSource();

    /** The data collection rule Coverwatch associates with machines that collect nothing; none by default. */
    Optional<String> dataCollectionRuleId();

    /** Safety limits (DESIGN.md §4). */
    Safety safety();

    /** Verification and retries of executed actions. */
    Execution execution();

    interface Safety {
        /** The tag that marks "critical VMs that shouldn't have agents" (seed 001): Coverwatch never changes them. */
        @WithDefault("coverwatch-remediation")
        String optOutTagName();

        /** The opt-out tag's value. */
        @WithDefault("off")
        String optOutTagValue();

        /** At most this many changes per subscription within {@code blast-radius-window}; then it stops and asks. */
        @WithDefault("20")
        int blastRadiusCap();

        /** The window of the blast-radius cap. */
        @WithDefault("1h")
        Duration blastRadiusWindow();

        /** At most this many changes per subscription within {@code rate-window}; the next one waits its turn. */
        @WithDefault("5")
        int rateLimit();

        /** The window of the rate limit. */
        @WithDefault("1m")
        Duration rateWindow();

        /** Consecutive failures of one action in one subscription that open its circuit breaker. */
        @WithDefault("3")
        int breakerThreshold();

        /** Reinstalls of one extension on one machine before Coverwatch gives up and asks a person. */
        @WithDefault("3")
        int maxReinstallAttempts();
    }

    interface Execution {
        /** How long a fix has to make its finding resolve from fresh inventory before it is escalated. */
        @WithDefault("15m")
        Duration verificationTimeout();

        /** Attempts of one action when the executor fails transiently (a timeout, a throttle, a 5xx). */
        @WithDefault("3")
        int maxAttempts();

        /** The wait before the first retry of a transient failure; it doubles each time. */
        @WithDefault("30s")
        Duration retryBackoff();

        /**
         * How long an executor may hold an action without reporting back before the action is queued again (its
         * instance stopped mid-way); ARM's PUTs are idempotent, so sending one again is safe.
         */
        @WithDefault("10m")
        Duration claimTimeout();

        /** How often queued actions and overdue verifications are looked at. */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
