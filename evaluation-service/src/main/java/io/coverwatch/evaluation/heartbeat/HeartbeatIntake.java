package io.coverwatch.evaluation.heartbeat;

import io.coverwatch.contracts.AgentHeartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;

/** Records a batch of heartbeats, coalesced per machine, in one transaction. */
@ApplicationScoped
public class HeartbeatIntake {

    private final AgentHeartbeatStore store;
    private final HeartbeatPolicy policy;
    private final Clock clock;

    HeartbeatIntake(AgentHeartbeatStore store, HeartbeatPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional
    public void record(Collection<AgentHeartbeat> heartbeats) {
        store.record(LatestHeartbeat.coalesce(heartbeats), policy.earliest(), clock.instant());
    }
}
