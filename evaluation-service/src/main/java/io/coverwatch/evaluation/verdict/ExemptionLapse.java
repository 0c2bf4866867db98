package io.coverwatch.evaluation.verdict;

import io.coverwatch.evaluation.exemption.ExemptionStore;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * When an exemption lapses nothing arrives to say so: every minute, the resources under exemptions that lapsed since
 * the last look are evaluated again, and their findings go back from excluded to open. How far the last look went is
 * stored, and locked while one instance looks, so N instances re-evaluate each lapse once and a restart misses none.
 */
@ApplicationScoped
public class ExemptionLapse {

    private final ExemptionStore exemptions;
    private final ResourceStates states;
    private final EstateChanges estate;
    private final Clock clock;

    ExemptionLapse(ExemptionStore exemptions, ResourceStates states, EstateChanges estate, Clock clock) {
        this.exemptions = exemptions;
        this.states = states;
        this.estate = estate;
        this.clock = clock;
    }

    @Scheduled(
            every = "60s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reevaluateLapsedOnSchedule() {
        QuarkusTransaction.requiringNew().run(() -> reevaluateLapsed(clock.instant()));
    }

    /**
     * Re-evaluates what lapsed since the last look, up to {@code now}, in the caller's transaction.
     *
     * @return the time the looked-at window started; empty when another instance is looking or there is nothing new
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> reevaluateLapsed(Instant now) {
        Optional<Instant> since = exemptions.claimLapsesLookedUpTo().filter(mark -> mark.isBefore(now));
        since.ifPresent(after -> {
            exemptions.lapsed(after, now).forEach(lapsed -> estate.reevaluate(states.keysUnder(lapsed.scope()), now));
            exemptions.lapsesLookedUpTo(now);
        });
        return since;
    }
}
