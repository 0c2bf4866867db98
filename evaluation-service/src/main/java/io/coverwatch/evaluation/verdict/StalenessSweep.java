package io.coverwatch.evaluation.verdict;

import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore;
import io.coverwatch.evaluation.heartbeat.HeartbeatPolicy;
import io.coverwatch.evaluation.heartbeat.HeartbeatStream;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Silence is an event: a stopped agent sends nothing, so the clock finds it. Every interval the sweep claims the
 * machines that are due (their last heartbeat crossed the earliest threshold, or a heartbeat ended a silence) and
 * evaluates them. Claims use {@code SKIP LOCKED}, so any number of instances sweep together and each machine is
 * looked at by one of them; the evaluation lock and the finding ledger make the finding open exactly once.
 *
 * <p>Due machines are evaluated in pieces of {@code sweep-batch-size}, one transaction each, so a burst (a network
 * outage silencing a thousand agents at once) is published as each piece commits rather than after the last machine.
 * When a claim comes back full, {@code sweep-workers - 1} more transactions claim pieces of their own alongside it. A
 * claimed machine's {@code due_at} changes only in the transaction that evaluated it (the moves below touch only
 * machines that need no evaluation), so a crash mid-burst leaves the machines not yet committed due, and the next sweep
 * (here or on another instance) takes them.
 *
 * <p>A heartbeat that changes nothing leaves its machine's schedule alone (a HOT update, {@link AgentHeartbeatStore}),
 * so a healthy machine's scheduled crossing comes while newer heartbeats have been heard. Before claiming, each sweep
 * moves those machines to their newest heartbeat's crossing in one statement per thousand ({@link
 * AgentHeartbeatStore#reschedule}), without evaluating them: what is left due is what may have changed.
 */
@ApplicationScoped
public class StalenessSweep {

    private static final Logger LOG = Logger.getLogger(StalenessSweep.class);

    /** Machines moved to their newest heartbeat's crossing per statement (one transaction each). */
    private static final int RESCHEDULED_PER_STATEMENT = 1_000;

    private final AgentHeartbeatStore heartbeats;
    private final ResourceVerdicts verdicts;
    private final HeartbeatStream stream;
    private final HeartbeatPolicy policy;
    private final EvaluationConfig.Heartbeat config;
    private final Clock clock;

    StalenessSweep(
            AgentHeartbeatStore heartbeats,
            ResourceVerdicts verdicts,
            HeartbeatStream stream,
            HeartbeatPolicy policy,
            EvaluationConfig config,
            Clock clock) {
        this.heartbeats = heartbeats;
        this.verdicts = verdicts;
        this.stream = stream;
        this.policy = policy;
        this.config = config.heartbeat();
        this.clock = clock;
    }

    /** The Quarkus scheduler does not go below one second; the sweep's interval does, so it has its own thread. */
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "staleness-sweep");
        thread.setDaemon(true);
        return thread;
    });

    /** What a helper does when its own claim comes back full: nothing, the burst already has its helpers. */
    private static final Runnable NO_BURST = () -> {};

    /** The transactions that help the sweep's own through a burst. */
    private final ExecutorService helpers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "staleness-sweep-helper");
        thread.setDaemon(true);
        return thread;
    });

    void start(@Observes StartupEvent started) {
        long interval = config.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
        helpers.shutdownNow();
    }

    /** Evaluates every machine due now, piece by piece; returns once none is left that no one else holds. */
    void sweep() {
        Instant heardUpTo;
        try {
            // Due by the time the heartbeat stream has been heard up to, not by the clock: a machine whose crossing is
            // later than that may still have heartbeats queued, and is looked at once they have been read.
            heardUpTo = stream.heardUpTo(clock.instant());
            while (QuarkusTransaction.requiringNew()
                            .call(() -> heartbeats.reschedule(heardUpTo, policy.earliest(), RESCHEDULED_PER_STATEMENT))
                    == RESCHEDULED_PER_STATEMENT) {
                // a full statement: more machines heard since may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Staleness sweep failed; it runs again in %s", config.sweepInterval());
            return;
        }
        // A claim that comes back full means a burst is due: from that moment helpers claim pieces of their own, while
        // this thread evaluates the piece it claimed. Starting them only once that piece had committed left the
        // burst's second piece waiting a whole piece's evaluation for nothing.
        List<Future<?>> helping = new ArrayList<>();
        Runnable burst = () -> {
            if (helping.isEmpty()) {
                IntStream.range(1, config.sweepWorkers())
                        .forEach(helper -> helping.add(helpers.submit(() -> evaluatePieces(heardUpTo, NO_BURST))));
            }
        };
        evaluatePieces(heardUpTo, burst);
        for (Future<?> helper : helping) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.warnf(e.getCause(), "Staleness sweep helper failed");
            }
        }
    }

    /** Evaluates pieces until one comes back short: then nothing is left due that no one else holds. */
    private void evaluatePieces(Instant heardUpTo, Runnable burst) {
        while (evaluatePiece(heardUpTo, burst)) {
            // a full piece: more machines are due right now
        }
    }

    /** Evaluates one piece in a transaction of its own; true when it was full, so more may be due. */
    private boolean evaluatePiece(Instant heardUpTo, Runnable burst) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> piece(heardUpTo, burst)) == config.sweepBatchSize();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Staleness sweep failed; it runs again in %s", config.sweepInterval());
            return false;
        }
    }

    /** Evaluates one piece of machines due by {@code heardUpTo} in the caller's transaction; returns how many. */
    private int piece(Instant heardUpTo, Runnable burst) {
        Instant now = clock.instant();
        List<String> due = heartbeats.claimDue(heardUpTo, config.sweepBatchSize());
        if (due.size() == config.sweepBatchSize()) {
            burst.run();
        }
        Map<String, AgentHealth> health = new HashMap<>();
        Map<String, EvaluationInput> evaluated = verdicts.evaluateAll(due, now, health::putAll);
        // A machine not known (deleted, or not reported yet) is not watched until its next heartbeat or sighting.
        Map<String, AgentHeartbeatStore.Swept> swept = new HashMap<>();
        for (String key : due) {
            swept.put(
                    key,
                    new AgentHeartbeatStore.Swept(
                            Optional.ofNullable(evaluated.get(key))
                                    .flatMap(input -> nextLook(input, input.heardUpTo()))
                                    .orElse(null),
                            health.get(key)));
        }
        heartbeats.swept(swept);
        return due.size();
    }

    /**
     * When to look at a machine again: the next time its agents' state can change by the clock alone, which is when its
     * last AMA heartbeat, its last legacy heartbeat or its first sighting crosses its own threshold (a healthy machine
     * goes silent, a legacy agent stops counting, an installed AMA that never reported becomes down). Nothing to watch
     * once every one of them has crossed; its next heartbeat brings it back.
     */
    private static Optional<Instant> nextLook(EvaluationInput input, Instant heardUpTo) {
        return Stream.of(input.agents().lastAzureMonitorAgent(), input.agents().lastLegacyAgent(), input.knownSince())
                .filter(Objects::nonNull)
                .map(since -> since.plus(input.heartbeatThreshold()))
                .filter(crossing -> crossing.isAfter(heardUpTo))
                .min(Instant::compareTo);
    }
}
