package io.coverwatch.evaluation.verdict;

import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Silence is an event: a stopped agent sends nothing, so the clock finds it. Every interval the sweep claims the
 * machines that are due (their last heartbeat crossed the earliest threshold, or a heartbeat ended a silence) and
 * evaluates them. Claims use {@code SKIP LOCKED}, so any number of instances sweep together and each machine is
 * looked at by one of them; the evaluation lock and the finding ledger make the finding open exactly once.
 */
@ApplicationScoped
public class StalenessSweep {

    private static final Logger LOG = Logger.getLogger(StalenessSweep.class);

    private final AgentHeartbeatStore heartbeats;
    private final ResourceVerdicts verdicts;
    private final EvaluationConfig.Heartbeat config;
    private final Clock clock;

    StalenessSweep(AgentHeartbeatStore heartbeats, ResourceVerdicts verdicts, EvaluationConfig config, Clock clock) {
        this.heartbeats = heartbeats;
        this.verdicts = verdicts;
        this.config = config.heartbeat();
        this.clock = clock;
    }

    /** The Quarkus scheduler does not go below one second; the sweep's interval does, so it has its own thread. */
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "staleness-sweep");
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
    }

    void sweep() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::round) == config.sweepBatchSize()) {
                // a full round: more machines are due right now
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Staleness sweep failed; it runs again in %s", config.sweepInterval());
        }
    }

    /** Evaluates one batch of due machines; returns how many it claimed. */
    int round() {
        Instant now = clock.instant();
        List<String> due = heartbeats.claimDue(now, config.sweepBatchSize());
        for (String key : due) {
            heartbeats.swept(
                    key,
                    verdicts.evaluate(key, now)
                            .flatMap(input -> nextLook(input, now))
                            .orElse(null));
        }
        return due.size();
    }

    /**
     * When to look at a machine again: the next time its agents' state can change by the clock alone, which is when its
     * last AMA heartbeat, its last legacy heartbeat or its first sighting crosses its own threshold (a healthy machine
     * goes silent, a legacy agent stops counting, an installed AMA that never reported becomes down). Nothing to watch
     * once every one of them has crossed; its next heartbeat brings it back.
     */
    private static Optional<Instant> nextLook(EvaluationInput input, Instant now) {
        return Stream.of(input.agents().lastAzureMonitorAgent(), input.agents().lastLegacyAgent(), input.knownSince())
                .filter(Objects::nonNull)
                .map(since -> since.plus(input.heartbeatThreshold()))
                .filter(crossing -> crossing.isAfter(now))
                .min(Instant::compareTo);
    }
}
