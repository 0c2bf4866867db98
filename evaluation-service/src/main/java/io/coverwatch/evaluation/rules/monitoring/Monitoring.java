package io.coverwatch.evaluation.rules.monitoring;

import io.coverwatch.contracts.AgentExtension;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.Subscriptions;
import io.coverwatch.evaluation.rules.Verdict;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.coverwatch.evaluation.rules.diagnosis.Diagnosis;
import io.coverwatch.evaluation.rules.diagnosis.MachineDiagnosis;
import io.coverwatch.evaluation.rules.machine.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Monitored / Not monitored (DESIGN.md §3.2): a machine is monitored when the Servers plan is on, the MDE extension
 * and its log agent's extension are provisioned, a data collection rule is associated (for the AMA), and its heartbeat
 * is fresh. A stale heartbeat is the AMA-down rule's business, so it alone never makes a machine Not monitored.
 */
public final class Monitoring {

    private Monitoring() {}

    /**
     * {@code CW-MON-NOT-MONITORED}. The diagnosis names the first failing troubleshooting step; when every step passes
     * or is unknown, the first unmet condition. A powered-off VM or a disconnected Arc machine is Unknown: its own
     * state says nothing about its monitoring, so a finding stays as it was until the machine is back.
     */
    public static Verdict notMonitored(EvaluationInput input) {
        Optional<Machine> machine = Machine.of(input.resource());
        if (machine.isEmpty()) {
            return new Verdict.Unknown("inventory has not described the machine yet");
        }
        AgentHealth health = AgentHealth.of(input);
        if (health == AgentHealth.POWERED_OFF || health == AgentHealth.DISCONNECTED) {
            return new Verdict.Unknown("the machine is " + health + ": its own state, not a monitoring failure");
        }
        if (Subscriptions.of(input).isEmpty()) {
            return Subscriptions.notReported(input);
        }
        List<String> gaps = gaps(input, machine.get());
        if (gaps.isEmpty()) {
            return new Verdict.Pass();
        }
        Optional<Diagnosis.StepFailure> failure =
                MachineDiagnosis.diagnose(input).firstFailure();
        return failure.map(stop -> new Verdict.Fail(stop.describe(), stop.step()))
                .orElseGet(() -> new Verdict.Fail(gaps.get(0)));
    }

    /**
     * {@code CW-MON-LA-AGENT}, seed 001's "Log Analytics agent should be installed on VMs": the machine has no
     * monitoring agent extension at all, neither the Azure Monitor Agent nor the legacy MMA/OMS agent.
     */
    public static Verdict logAnalyticsAgentInstalled(EvaluationInput input) {
        Optional<Machine> machine = Machine.of(input.resource());
        if (machine.isEmpty()) {
            return new Verdict.Unknown("inventory has not described the machine yet");
        }
        boolean anyAgent = machine.get()
                        .extension(AgentExtension.AZURE_MONITOR_AGENT)
                        .isPresent()
                || machine.get().extension(AgentExtension.LOG_ANALYTICS_AGENT).isPresent();
        return anyAgent
                ? new Verdict.Pass()
                : new Verdict.Fail("no monitoring agent extension is installed: install the "
                        + machine.get().logAgent().displayName() + " ("
                        + machine.get().logAgent().typeFor(machine.get().osType()) + ")");
    }

    /** The monitored conditions the machine does not meet, heartbeat aside, in the seed's order. */
    static List<String> gaps(EvaluationInput input, Machine machine) {
        List<String> gaps = new ArrayList<>();
        boolean planOn = Subscriptions.of(input)
                .map(subscription -> Subscriptions.planOn(subscription, DefenderPlan.SERVERS))
                .orElse(false);
        if (!planOn) {
            gaps.add("Defender for Servers is off on subscription " + Subscriptions.name(input));
        }
        AgentExtension logAgent = machine.logAgent();
        for (AgentExtension agent : List.of(logAgent, AgentExtension.DEFENDER_FOR_ENDPOINT)) {
            if (!machine.succeeded(agent)) {
                gaps.add("the " + agent.displayName() + " extension is not provisioned");
            }
        }
        if (logAgent == AgentExtension.AZURE_MONITOR_AGENT
                && machine.dataCollectionRuleIds().isEmpty()) {
            gaps.add("no data collection rule is associated with the machine: associate the security events rule"
                    + " so the Azure Monitor Agent collects anything");
        }
        return gaps;
    }
}
