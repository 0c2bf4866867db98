package io.coverwatch.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of notification-service ({@code coverwatch.notification.*}). */
@ConfigMapping(prefix = "coverwatch.notification")
public interface NotificationConfig {

    /** The Azure portal every resource link points into; sovereign clouds have their own. */
    @WithDefault("https://portal.azure.com")
    String portalUrl();

    /**
     * Coverwatch's own console, for example {@code https://coverwatch.contoso.com}: messages then link each finding to
     * {@code <console-url>/findings/<finding ID>} next to the Azure portal. Without it, only the portal is linked.
     */
    Optional<String> consoleUrl();

    /** Where channels may point: the guard against server-side request forgery. */
    Webhooks webhooks();

    /** How messages reach the channels. */
    Delivery delivery();

    /** The pipeline self-test. */
    TestAlert testAlert();

    /** Routing and grouping of notices. */
    Routing routing();

    /** How webhook URLs and signing secrets are sealed at rest (README: "Secrets at rest"). */
    Secrets secrets();

    interface Secrets {
        /**
         * The AES-256 key new secrets are sealed with, written {@code <key id>:<32 random bytes in base64>} (for
         * example {@code 2025-11:$(openssl rand -base64 32)}). From the environment or a secret store, never a file in
         * the repository; there is no default.
         */
        String key();

        /**
         * Earlier keys, in the same form: they still open what they sealed until the next start re-seals it with
         * {@link #key()}; then they can go.
         */
        Optional<List<String>> retiredKeys();
    }

    interface Webhooks {
        /**
         * Hosts a channel's URL may name; {@code *.example.com} matches every subdomain of example.com (not the domain
         * itself). The defaults are Slack's incoming webhooks and the two hosts Teams Workflows trigger URLs use (Logic
         * Apps, and the newer Power Platform environment endpoints).
         */
        @WithDefault("hooks.slack.com,*.logic.azure.com,*.environment.api.powerplatform.com")
        List<String> allowedHosts();

        /** Allowlisted hosts that may be reached over plain http; none in production, a local receiver in tests. */
        Optional<List<String>> plainHttpHosts();
    }

    interface Delivery {
        /** Tries per message before it is parked (a parked message waits for a re-drive; it is never dropped). */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the second try after a server error or a timeout; it doubles with each try, with jitter. */
        @WithDefault("2s")
        Duration initialBackoff();

        /** The longest wait between two tries. */
        @WithDefault("10m")
        Duration maxBackoff();

        /** The longest Retry-After a receiver's 429 is taken at its word for. */
        @WithDefault("1h")
        Duration maxRetryAfter();

        /** How long one request may take, connection included, before it counts as a timeout. */
        @WithDefault("10s")
        Duration sendTimeout();

        /**
         * How long a claimed message belongs to the instance that claimed it. After that another instance may send it
         * again (the claimer is presumed dead), so it must be well above {@link #sendTimeout()}.
         */
        @WithDefault("2m")
        Duration lease();

        /**
         * How often the sender looks for messages that are due (at least 1s, the scheduler's floor); it also wakes
         * after every new message commits and when a retry falls due between two polls.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * The most messages one group is split into on Slack or Teams when it is too large for one; the rest is
         * summarised in the last ("and 37 more"). Ten messages is about ten seconds of a Slack webhook.
         */
        @WithDefault("10")
        int maxMessagesPerGroup();

        /**
         * How long a delivered message stays in the delivery log (parked ones stay until re-driven). Older ones are
         * deleted in batches of {@link #pruneBatchSize()} every {@link #pruneInterval()}.
         */
        @WithDefault("30d")
        Duration retention();

        /** How often delivered messages past {@link #retention()} are deleted. */
        @WithDefault("10m")
        Duration pruneInterval();

        /** How many messages one pruning transaction deletes. */
        @WithDefault("1000")
        int pruneBatchSize();

        /** How many channels are sent to at once by one instance. */
        @WithDefault("4")
        int senderThreads();

        /** Default rate limits per channel kind, in messages per second; a channel may set its own. */
        RateLimits rateLimits();

        /** The circuit breaker around each channel. */
        CircuitBreaker circuitBreaker();
    }

    interface RateLimits {
        /** Slack allows about one message per second per incoming webhook. */
        @WithDefault("1")
        double slack();

        /** Teams Workflows webhooks take at most four requests per second. */
        @WithDefault("4")
        double teams();

        /** A generic webhook: the receiver is ours to be polite to. */
        @WithDefault("10")
        double webhook();
    }

    interface CircuitBreaker {
        /** How many recent calls the failure ratio is taken over. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** The share of failed calls (server errors, timeouts) that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit keeps the channel's messages waiting before one trial call. */
        @WithDefault("30s")
        Duration delay();
    }

    interface Routing {
        /**
         * How long a new group waits before its first message, on the root route unless the stored routes set it
         * (Alertmanager's default).
         */
        @WithDefault("30s")
        Duration groupWait();

        /** How long after a message a group waits before telling what changed, on the root unless set. */
        @WithDefault("5m")
        Duration groupInterval();

        /** How long after a message an unchanged group is told again, on the root unless set. */
        @WithDefault("4h")
        Duration repeatInterval();

        /** How often the groups due are looked at; at least 1s, the scheduler's floor. */
        @WithDefault("1s")
        Duration tickInterval();

        /** How many due groups one transaction takes at most; a tick takes batches until none is due. */
        @WithDefault("100")
        int tickBatch();
    }

    interface TestAlert {
        /** How often a canary runs through the pipeline by itself, as a Quarkus {@code every} value; off by default. */
        @WithDefault("off")
        String every();

        /** How long a canary may take to reach every channel before the self-test raises the alarm. */
        @WithDefault("2m")
        Duration deadline();
    }
}
