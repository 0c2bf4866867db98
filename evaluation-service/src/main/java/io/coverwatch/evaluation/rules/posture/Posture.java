package io.coverwatch.evaluation.rules.posture;

import io.coverwatch.contracts.AzureLocalInstanceDetails;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.WorkspaceSetting;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.Subscriptions;
import io.coverwatch.evaluation.rules.Verdict;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The configuration recommendations of seeds 000 and 001: CSPM, MCSB, auto-provisioning, workspace, DCR, Azure Local. */
public final class Posture {

    /** Azure Local-exclusive recommendations need 2311 or later (seed 000), as YYMM. */
    static final int FIRST_AZURE_LOCAL_RELEASE = 2311;

    /** The security-event levels a data collection rule may collect, and whether each meets the Common baseline. */
    private static final Map<String, Boolean> LEVEL_MEETS_COMMON = Map.of(
            DataCollectionRuleDetails.NONE.toLowerCase(Locale.ROOT), false,
            DataCollectionRuleDetails.MINIMAL.toLowerCase(Locale.ROOT), false,
            DataCollectionRuleDetails.COMMON.toLowerCase(Locale.ROOT), true,
            DataCollectionRuleDetails.ALL.toLowerCase(Locale.ROOT), true);

    private Posture() {}

    /**
     * {@code CW-CSPM-FOUNDATIONAL}: the {@code CloudPosture} plan is present (tier Free is Foundational CSPM, Standard is
     * Defender CSPM). A subscription whose plans were not reported at all is Unknown.
     */
    public static Verdict foundationalCspm(EvaluationInput input) {
        Optional<SubscriptionDetails> subscription = Subscriptions.of(input);
        if (subscription.isEmpty() || subscription.get().defenderPlans().isEmpty()) {
            return new Verdict.Unknown("the subscription's Defender plans have not been reported");
        }
        return subscription.get().plan(DefenderPlan.CLOUD_POSTURE).isPresent()
                ? new Verdict.Pass()
                : new Verdict.Fail("subscription " + Subscriptions.name(input) + " has no CloudPosture plan: turn on"
                        + " Foundational CSPM (no extra cost)");
    }

    /** {@code CW-MCSB-ASSIGNED}: the Microsoft cloud security benchmark initiative is assigned. */
    public static Verdict mcsbAssigned(EvaluationInput input) {
        Optional<Boolean> assigned = Subscriptions.of(input).map(SubscriptionDetails::mcsbAssigned);
        if (assigned.isEmpty()) {
            return new Verdict.Unknown("whether the benchmark initiative is assigned has not been reported");
        }
        return assigned.get()
                ? new Verdict.Pass()
                : new Verdict.Fail("the Microsoft cloud security benchmark initiative is not assigned to subscription "
                        + Subscriptions.name(input) + ": turn it on under Security policies, then allow an hour for"
                        + " Azure Policy to evaluate");
    }

    /** {@code CW-PROV-AMA}. */
    public static Verdict azureMonitorAgentProvisioned(EvaluationInput input) {
        return autoProvisioned(input, AutoProvisioning.AZURE_MONITOR_AGENT);
    }

    /** {@code CW-PROV-MDE}. */
    public static Verdict mdeSensorProvisioned(EvaluationInput input) {
        return autoProvisioned(input, AutoProvisioning.MDE_SENSOR);
    }

    /**
     * {@code CW-WS-SENTINEL}: Defender for Cloud sends agent data to a custom workspace with Sentinel rather than its
     * default workspace (seed 001's recommended configuration). Like auto-provisioning, it is part of the Servers plan's
     * agent set-up, so it only applies when the plan is on and the subscription holds machines.
     */
    public static Verdict sentinelWorkspace(EvaluationInput input) {
        Optional<SubscriptionDetails> subscription = Subscriptions.of(input);
        if (subscription.isEmpty()) {
            return Subscriptions.notReported(input);
        }
        if (!agentsProvisionedByPlan(input, subscription.get())) {
            return new Verdict.Pass();
        }
        WorkspaceSetting workspace = subscription.get().workspace();
        if (workspace == null) {
            return new Verdict.Unknown("the subscription's workspace setting has not been reported");
        }
        if (workspace.defaultWorkspace()) {
            return new Verdict.Fail("Defender for Cloud sends agent data to its default workspace: select your Sentinel"
                    + " workspace instead, so its data sits beside your other security data");
        }
        return workspace.sentinel()
                ? new Verdict.Pass()
                : new Verdict.Fail("workspace " + workspace.workspaceId() + " has no Microsoft Sentinel: send Defender"
                        + " for Cloud's agent data to your Sentinel workspace");
    }

    /**
     * {@code CW-DCR-SECURITY-EVENTS}: None or Minimal fails (Common is recommended), Common and All pass. A Custom XPath
     * set is Unknown: Coverwatch cannot tell whether it covers the Common set, and will not guess either way.
     */
    public static Verdict dataCollectionRuleSecurityEvents(EvaluationInput input) {
        if (!(input.resource().details() instanceof DataCollectionRuleDetails rule)
                || rule.securityEventLevel() == null) {
            return new Verdict.Unknown("the rule's security event level has not been reported");
        }
        Boolean meetsCommon = LEVEL_MEETS_COMMON.get(rule.securityEventLevel().toLowerCase(Locale.ROOT));
        if (meetsCommon == null) {
            return new Verdict.Unknown("the rule collects a " + rule.securityEventLevel()
                    + " set of security events; Coverwatch cannot tell whether it covers Common");
        }
        return meetsCommon
                ? new Verdict.Pass()
                : new Verdict.Fail("the rule collects the " + rule.securityEventLevel() + " security events: collect"
                        + " Common, enough for investigation without the cost of All Events");
    }

    /**
     * {@code CW-AZLOCAL-VERSION}: the instance runs 2311 or later. Solution versions read {@code 10.YYMM.x.y}
     * ({@code 10.2411.0.22} is November 2024); a 22H2-era OS build ({@code 10.0.20349...}) is older.
     */
    public static Verdict azureLocalVersion(EvaluationInput input) {
        if (!(input.resource().details() instanceof AzureLocalInstanceDetails instance) || instance.version() == null) {
            return new Verdict.Unknown("the instance's version has not been reported");
        }
        OptionalInt release = release(instance.version());
        if (release.isEmpty()) {
            return new Verdict.Unknown("version " + instance.version() + " is not one Coverwatch can read");
        }
        return release.getAsInt() >= FIRST_AZURE_LOCAL_RELEASE
                ? new Verdict.Pass()
                : new Verdict.Fail("version " + instance.version() + " is older than 2311, so Defender for Cloud only"
                        + " shows the recommendations Windows Server also gets: update the instance to 2311 or later");
    }

    /** The YYMM release of an Azure Local version; 0 for a pre-2311 OS build ({@code 10.0.x}); empty when unreadable. */
    static OptionalInt release(String version) {
        String[] parts = version.trim().split("\\.");
        if (parts.length < 2 || !parts[1].chars().allMatch(Character::isDigit) || parts[1].isEmpty()) {
            return OptionalInt.empty();
        }
        int second = Integer.parseInt(parts[1]);
        if (second == 0) {
            return OptionalInt.of(0);
        }
        int month = second % 100;
        return parts[1].length() == 4 && month >= 1 && month <= 12 ? OptionalInt.of(second) : OptionalInt.empty();
    }

    /**
     * Auto-provisioning is the Servers plan's agent set-up (seed 001: "enable the provisioning of the agents relevant
     * to your enabled plans"): with the plan off, or without machines, the plan finding is the one root cause.
     */
    private static Verdict autoProvisioned(EvaluationInput input, AutoProvisioning agent) {
        Optional<SubscriptionDetails> subscription = Subscriptions.of(input);
        if (subscription.isEmpty()) {
            return Subscriptions.notReported(input);
        }
        if (!agentsProvisionedByPlan(input, subscription.get())) {
            return new Verdict.Pass();
        }
        Optional<Boolean> on = agent.on(subscription.get());
        if (on.isEmpty()) {
            return new Verdict.Unknown("no auto-provisioning setting has been reported");
        }
        return on.get()
                ? new Verdict.Pass()
                : new Verdict.Fail("auto-provisioning of the " + agent.agent() + " is off on subscription "
                        + Subscriptions.name(input) + ": turn it on under Environment settings, Auto provisioning");
    }

    private static boolean agentsProvisionedByPlan(EvaluationInput input, SubscriptionDetails subscription) {
        return Subscriptions.machineCount(input) > 0 && Subscriptions.planOn(subscription, DefenderPlan.SERVERS);
    }
}
