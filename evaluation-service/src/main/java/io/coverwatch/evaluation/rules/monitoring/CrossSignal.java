package io.coverwatch.evaluation.rules.monitoring;

import io.coverwatch.contracts.AgentExtension;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.evaluation.rules.Elapsed;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.Verdict;
import io.coverwatch.evaluation.rules.machine.Machine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Seed 001's cross-signal checks: Defender alerts without security events mean the Azure Monitor Agent is not
 * collecting; security events without the MDE sensor mean MDE is not deployed. Only signals within the input's window
 * count; without signals there is no evidence either way and the rules pass.
 */
public final class CrossSignal {

    private CrossSignal() {}

    /**
     * {@code CW-XSIG-AMA-NOT-COLLECTING}. Only Windows machines: security events are the Windows {@code SecurityEvent}
     * table, which a Linux machine never fills.
     */
    public static Verdict amaCollectingSecurityEvents(EvaluationInput input) {
        Optional<Machine> machine = Machine.of(input.resource());
        if (machine.isEmpty()) {
            return new Verdict.Unknown("inventory has not described the machine yet");
        }
        Instant alert = input.signals().lastDefenderAlert();
        if (!machine.get().windows()
                || !withinWindow(alert, input)
                || withinWindow(input.signals().lastSecurityEvent(), input)) {
            return new Verdict.Pass();
        }
        return new Verdict.Fail("Defender alerts arrive (the last one " + ago(alert, input)
                + ") but no security event in"
                + " the last " + Elapsed.describe(input.signalWindow()) + ": the Azure Monitor Agent is not collecting;"
                + " " + dataCollectionRuleProblem(machine.get(), input));
    }

    /** Why the machine's data collection rules collect no security events, as far as inventory tells. */
    private static String dataCollectionRuleProblem(Machine machine, EvaluationInput input) {
        if (machine.dataCollectionRuleIds().isEmpty()) {
            return "no data collection rule is associated with the machine";
        }
        List<String> collectingNone = machine.dataCollectionRuleIds().stream()
                .map(id -> input.dataCollectionRules().get(AzureResource.normalizeId(id)))
                .filter(Objects::nonNull)
                .filter(rule -> rule.details() instanceof DataCollectionRuleDetails details
                        && DataCollectionRuleDetails.NONE.equalsIgnoreCase(details.securityEventLevel()))
                .map(AzureResource::name)
                .toList();
        return collectingNone.isEmpty()
                ? "check that its data collection rules collect security events"
                : "its data collection rule " + String.join(", ", collectingNone) + " collects no security events"
                        + " (level None)";
    }

    /** {@code CW-XSIG-MDE-NOT-DEPLOYED}: security events arrive but no MDE extension is provisioned. */
    public static Verdict mdeDeployed(EvaluationInput input) {
        Optional<Machine> machine = Machine.of(input.resource());
        if (machine.isEmpty()) {
            return new Verdict.Unknown("inventory has not described the machine yet");
        }
        Instant event = input.signals().lastSecurityEvent();
        if (!withinWindow(event, input) || machine.get().succeeded(AgentExtension.DEFENDER_FOR_ENDPOINT)) {
            return new Verdict.Pass();
        }
        return new Verdict.Fail("security events arrive (the last one " + ago(event, input) + ") but the "
                + AgentExtension.DEFENDER_FOR_ENDPOINT.displayName() + " ("
                + AgentExtension.DEFENDER_FOR_ENDPOINT.typeFor(machine.get().osType())
                + ") is not provisioned: check the MDE sensor status on the machine");
    }

    private static boolean withinWindow(Instant signal, EvaluationInput input) {
        return signal != null && !signal.isBefore(input.now().minus(input.signalWindow()));
    }

    private static String ago(Instant signal, EvaluationInput input) {
        return Elapsed.describe(Duration.between(signal, input.now())) + " ago";
    }
}
