package io.coverwatch.evaluation.exemption;

import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.verdict.EstateChanges;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When an exemption lapses nothing arrives to say so: every minute, the resources under exemptions that lapsed since
 * the last look are evaluated again, and their findings go back from excluded to open.
 */
@ApplicationScoped
public class ExemptionLapse {

    private final ExemptionStore exemptions;
    private final ResourceStates states;
    private final EstateChanges estate;
    private final Clock clock;
    private final AtomicReference<Instant> lookedUpTo;

    ExemptionLapse(ExemptionStore exemptions, ResourceStates states, EstateChanges estate, Clock clock) {
        this.exemptions = exemptions;
        this.states = states;
        this.estate = estate;
        this.clock = clock;
        // Since a restart, look back one interval: re-evaluating twice changes nothing.
        this.lookedUpTo = new AtomicReference<>(clock.instant().minusSeconds(60));
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reevaluateLapsed() {
        Instant now = clock.instant();
        Instant since = lookedUpTo.getAndSet(now);
        QuarkusTransaction.requiringNew()
                .run(() -> exemptions.lapsed(since, now).forEach(lapsed -> {
                    estate.reevaluate(states.keysUnder(lapsed.scope()), now);
                }));
    }
}
