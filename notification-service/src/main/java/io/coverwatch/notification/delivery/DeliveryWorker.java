package io.coverwatch.notification.delivery;

import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.channel.ChannelStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends what the delivery log holds. Each channel with a due message gets one sending loop on this instance (channels
 * go side by side): claim the oldest due message that is next in its group when the channel's gate allows, send it,
 * record the result, repeat. A group's later message waits while an earlier one is retrying or being sent, here or on
 * another instance ({@link DeliveryLog#claimNext}); other groups' messages go meanwhile. Runs on a poll and right after
 * new messages commit.
 *
 * <p><b>Never lose:</b> a message is in the log before anything is sent, and leaves the loop only delivered or parked.
 * <b>Never repeat:</b> a message is claimed by one instance at a time ({@code SKIP LOCKED} plus a lease and token), so
 * two instances, or a restarted one, do not send it twice. <b>The honest window:</b> if an instance dies after the
 * receiver answered 2xx and before the result commits, the message is still {@code SENDING}; when its lease runs out it
 * is sent again. That is at-least-once, and the window is narrowed three ways: the result is one single-row commit
 * right after the answer; shutdown stops claiming and lets sends in flight finish and record; and generic webhooks
 * carry the delivery ID ({@code X-Coverwatch-Delivery}) so a receiver can drop the second copy. Slack and Teams offer
 * no idempotency key, so for them the window stays.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryLog log;
    private final ChannelStore channels;
    private final ChannelGates gates;
    private final WebhookSender sender;
    private final RetryPolicy policy;
    private final NotificationConfig.Delivery config;
    private final Clock clock;
    /** The channels this instance is sending to right now: one loop per channel. */
    private final Set<UUID> serving = ConcurrentHashMap.newKeySet();
    /**
     * The channels asked to look for due messages since their loop last looked. A message committed while its channel's
     * loop is ending finds the loop still registered; without this the loop ended without it, and it waited for the
     * next poll.
     */
    private final Set<UUID> asked = ConcurrentHashMap.newKeySet();

    private final ExecutorService senders;
    /** Wakes the worker when a retry falls due between two polls (the scheduler polls once a second at most). */
    private final ScheduledExecutorService wakeups;

    private volatile boolean stopping;

    DeliveryWorker(
            DeliveryLog log,
            ChannelStore channels,
            ChannelGates gates,
            WebhookSender sender,
            NotificationConfig config,
            Clock clock) {
        this.log = log;
        this.channels = channels;
        this.gates = gates;
        this.sender = sender;
        this.config = config.delivery();
        this.clock = clock;
        this.policy = new RetryPolicy(
                this.config.maxAttempts(),
                this.config.initialBackoff(),
                this.config.maxBackoff(),
                this.config.maxRetryAfter());
        if (this.config.lease().compareTo(this.config.sendTimeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("coverwatch.notification.delivery.lease must be at least twice the"
                    + " send timeout, or a slow send could be taken for a dead one and sent twice");
        }
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(this.config.senderThreads(), runnable -> {
            Thread thread = new Thread(runnable, "delivery-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.wakeups = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "delivery-wakeups");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        wakeups.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(config.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationDispatch.DeliveriesQueued queued) {
        if (!stopping) {
            senders.execute(this::sendDue);
        }
    }

    @Scheduled(
            every = "${coverwatch.notification.delivery.poll-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        sendDue();
    }

    /** Starts a sending loop for every channel with a due message that has none running here. */
    void sendDue() {
        try {
            for (UUID channelId : log.channelsWithDue(clock.instant())) {
                startServing(channelId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Looking for due messages failed; the next poll tries again: %s", e.getMessage());
        }
    }

    private void startServing(UUID channelId) {
        asked.add(channelId);
        if (!stopping && serving.add(channelId)) {
            senders.execute(() -> serve(channelId));
        }
    }

    private void serve(UUID channelId) {
        try {
            while (asked.remove(channelId) && !stopping) {
                serveOnce(channelId);
            }
        } finally {
            serving.remove(channelId);
            if (asked.contains(channelId)) {
                startServing(channelId); // asked after the loop's last look, before it let go of the channel
            }
        }
    }

    private void serveOnce(UUID channelId) {
        try {
            Optional<DeliveryTarget> target = QuarkusTransaction.requiringNew().call(() -> channels.find(channelId)
                    .map(channel -> new DeliveryTarget(
                            channel.id,
                            channel.name,
                            channel.kind,
                            channels.url(channel),
                            channels.signingSecret(channel),
                            channel.ratePerSecond)));
            if (target.isPresent()) {
                sendInTurn(target.get(), gates.of(target.get()));
            }
        } catch (RuntimeException e) {
            // Messages stay in the log; the next poll starts the loop again.
            LOG.warnf(
                    "Sending to channel %s stopped: %s", channelId, e.getClass().getSimpleName());
        }
    }

    /** Sends the channel's due messages one by one, as fast as its gate allows; ends when none is due. */
    private void sendInTurn(DeliveryTarget target, ChannelGate gate) {
        while (!stopping) {
            Instant now = clock.instant();
            Duration wait = gate.untilReady(now);
            if (!wait.isZero()) {
                if (wait.compareTo(config.pollInterval()) > 0 || !pause(wait)) {
                    return; // a later poll picks the channel up again
                }
                continue;
            }
            Optional<DeliveryLog.Claim> claimed = log.claimNext(target.channelId(), now, config.lease());
            if (claimed.isEmpty()) {
                return;
            }
            gate.tryTake(now);
            DeliveryLog.Claim claim = claimed.get();
            OutgoingMessage message =
                    RequestSigning.outgoing(target.kind(), claim.body(), target.signingSecret(), claim.id(), now);
            SendOutcome outcome = sender.send(gate, target.url(), message);
            Instant answered = clock.instant();
            RetryPolicy.Decision decision = policy.decide(
                    outcome,
                    claim.attempts(),
                    answered,
                    ThreadLocalRandom.current().nextDouble());
            if (outcome instanceof SendOutcome.RateLimited && decision instanceof RetryPolicy.RetryAt retry) {
                gate.pauseUntil(retry.at());
            }
            if (!log.record(claim, outcome, decision, answered)) {
                LOG.warnf(
                        "Delivery %d to %s was taken over before its result was recorded (lease %s ran out,"
                                + " or the channel was deleted); it may have been sent twice",
                        claim.id(), target, config.lease());
            } else if (decision instanceof RetryPolicy.Park park) {
                LOG.warnf("Delivery %d to %s parked: %s", claim.id(), target, park.reason());
            } else if (decision instanceof RetryPolicy.RetryAt retry) {
                LOG.infof(
                        "Delivery %d to %s will be tried again at %s: %s",
                        claim.id(), target, retry.at(), outcome.error());
                wakeAt(retry.at());
            }
        }
    }

    private void wakeAt(Instant at) {
        Duration wait = Duration.between(clock.instant(), at);
        if (!stopping && wait.compareTo(config.pollInterval()) < 0) {
            wakeups.schedule(this::sendDue, Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
