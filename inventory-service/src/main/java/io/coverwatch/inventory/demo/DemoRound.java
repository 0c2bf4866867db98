package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.SecuritySignal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** What the demo estate sends in one round: heartbeats, Defender recommendations and security signals. */
record DemoRound(List<AgentHeartbeat> heartbeats, List<DefenderAssessment> assessments, List<SecuritySignal> signals) {

    static final DemoRound EMPTY = new DemoRound(List.of(), List.of(), List.of());

    DemoRound {
        heartbeats = List.copyOf(heartbeats);
        assessments = List.copyOf(assessments);
        signals = List.copyOf(signals);
    }

    /** What a resource sends once, at startup: its stopped agent's last heartbeat, its recommendations and alerts. */
    static DemoRound atStartup(DemoResource demo, Instant now) {
        return new DemoRound(
                DemoHeartbeats.last(demo, now).stream().toList(),
                DemoSecurity.recommendations(demo, now),
                DemoSecurity.alerts(demo, now));
    }

    /** What a resource sends every interval: its running agents' heartbeats and its security events. */
    static DemoRound live(DemoResource demo, Instant now) {
        return new DemoRound(DemoHeartbeats.at(demo, now), List.of(), DemoSecurity.events(demo, now));
    }

    static DemoRound merge(Collection<DemoRound> rounds) {
        return new DemoRound(
                all(rounds, DemoRound::heartbeats),
                all(rounds, DemoRound::assessments),
                all(rounds, DemoRound::signals));
    }

    boolean isEmpty() {
        return heartbeats.isEmpty() && assessments.isEmpty() && signals.isEmpty();
    }

    private static <T> List<T> all(Collection<DemoRound> rounds, Function<DemoRound, List<T>> part) {
        return rounds.stream().flatMap(round -> part.apply(round).stream()).toList();
    }
}
