package io.coverwatch.evaluation.rules.agent;

import io.coverwatch.contracts.AgentExtension;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.machine.Machine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of a machine's monitoring agents, from its last heartbeat per agent (DESIGN.md §3.3). A powered-off VM
 * and a disconnected Arc machine are states of their own, never an agent failure.
 */
public enum AgentHealth {
    /** The Azure Monitor Agent sent a heartbeat within the threshold. */
    HEALTHY,
    /** The last AMA heartbeat is older than the threshold, or an installed AMA never sent one in that time. */
    AMA_DOWN,
    /** An AMA extension is installed on a machine known for less than the threshold: its first heartbeat is not due. */
    AWAITING_FIRST_HEARTBEAT,
    /** No agent reports and no AMA is installed. */
    NO_AGENT,
    /** The VM is deallocated or stopped. */
    POWERED_OFF,
    /** The Arc machine is Disconnected or Expired. */
    DISCONNECTED,
    /** Only the legacy Log Analytics agent ("Direct Agent") reports. */
    LEGACY_AGENT;

    public static AgentHealth of(EvaluationInput input) {
        Optional<Machine> machine = Machine.of(input.resource());
        if (machine.map(Machine::poweredOff).orElse(false)) {
            return POWERED_OFF;
        }
        if (machine.map(Machine::disconnected).orElse(false)) {
            return DISCONNECTED;
        }
        Duration threshold = input.heartbeatThreshold();
        Instant lastAma = input.agents().lastAzureMonitorAgent();
        if (lastAma != null) {
            return fresh(lastAma, input) ? HEALTHY : AMA_DOWN;
        }
        boolean amaInstalled = machine.flatMap(m -> m.extension(AgentExtension.AZURE_MONITOR_AGENT))
                .isPresent();
        if (amaInstalled && input.knownSince().plus(threshold).isBefore(input.heardUpTo())) {
            return AMA_DOWN;
        }
        Instant lastLegacy = input.agents().lastLegacyAgent();
        if (lastLegacy != null && fresh(lastLegacy, input)) {
            return LEGACY_AGENT;
        }
        return amaInstalled ? AWAITING_FIRST_HEARTBEAT : NO_AGENT;
    }

    /**
     * Whether a heartbeat at this time is within the input's threshold of the time the heartbeat stream has been heard
     * up to: a heartbeat still queued behind a backlog does not make its agent silent.
     */
    public static boolean fresh(Instant heartbeat, EvaluationInput input) {
        return !heartbeat.plus(input.heartbeatThreshold()).isBefore(input.heardUpTo());
    }
}
