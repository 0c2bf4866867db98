package io.coverwatch.evaluation.rules.agent;

import io.coverwatch.evaluation.rules.Elapsed;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.Verdict;
import io.coverwatch.evaluation.rules.machine.Machine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The agent-health rules: AMA down, legacy agent still reporting, Arc machine disconnected. */
public final class AgentRules {

    private AgentRules() {}

    /**
     * {@code CW-AGENT-AMA-DOWN}. A powered-off VM or a disconnected Arc machine passes: its silence is explained by its
     * own state (and the Arc rule reports the disconnection), so an AMA-down finding opened before inventory saw the
     * state resolves.
     */
    public static Verdict amaDown(EvaluationInput input) {
        if (AgentHealth.of(input) != AgentHealth.AMA_DOWN) {
            return new Verdict.Pass();
        }
        Instant last = input.agents().lastAzureMonitorAgent();
        String threshold = " (threshold " + Elapsed.describe(input.heartbeatThreshold()) + ")";
        return new Verdict.Fail(
                last == null
                        ? "the Azure Monitor Agent is installed but has sent no heartbeat in the "
                                + Elapsed.describe(Duration.between(input.knownSince(), input.now()))
                                + " since Coverwatch first saw the machine" + threshold
                        : "last Azure Monitor Agent heartbeat " + Elapsed.describe(Duration.between(last, input.now()))
                                + " ago" + threshold);
    }

    /**
     * {@code CW-AGENT-LEGACY-MMA}: the legacy Log Analytics agent ("Direct Agent") still reports within the heartbeat
     * threshold. Windows Server 2012 R2 passes: the seed says it needs the MMA.
     */
    public static Verdict legacyAgentReporting(EvaluationInput input) {
        Instant last = input.agents().lastLegacyAgent();
        if (last == null || !AgentHealth.fresh(last, input)) {
            return new Verdict.Pass();
        }
        Optional<Machine> machine = Machine.of(input.resource());
        if (machine.map(Machine::windowsServer2012R2).orElse(false)) {
            return new Verdict.Pass();
        }
        return new Verdict.Fail("the legacy Log Analytics agent (Direct Agent) last reported "
                + Elapsed.describe(Duration.between(last, input.now())) + " ago: migrate the machine to the Azure"
                + " Monitor Agent and remove the MMA");
    }

    /** {@code CW-ARC-DISCONNECTED}: an Arc machine that is Disconnected or Expired. */
    public static Verdict arcDisconnected(EvaluationInput input) {
        Optional<Machine> machine = Machine.of(input.resource());
        if (machine.isEmpty() || machine.get().arcStatus() == null) {
            return new Verdict.Unknown("inventory has not reported the Arc machine's status");
        }
        Machine arc = machine.get();
        if (!arc.disconnected()) {
            return new Verdict.Pass();
        }
        String since = arc.lastStatusChange() == null
                ? ""
                : " for " + Elapsed.describe(Duration.between(arc.lastStatusChange(), input.now()));
        boolean expired = "Expired".equalsIgnoreCase(arc.arcStatus());
        return new Verdict.Fail("the Arc machine has been " + arc.arcStatus() + since
                + (expired
                        ? ": its managed identity credential ran out; disconnect and re-onboard it"
                        : ": its Connected Machine agent sends no heartbeat; check the agent service and its network"));
    }
}
