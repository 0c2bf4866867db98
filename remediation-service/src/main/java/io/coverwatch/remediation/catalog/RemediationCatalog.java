package io.coverwatch.remediation.catalog;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.RuleId;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.RemediationPlan.Episode;
import io.coverwatch.remediation.catalog.RemediationPlan.ManualSteps;
import io.coverwatch.remediation.catalog.RemediationPlan.NoRemediation;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan for each rule of evaluation-service's catalog (DESIGN.md §4): an automatic change built in the shape of
 * the official ARM examples, manual steps from seed 001's resolutions where no change of Coverwatch's can help, or
 * nothing for the rules Coverwatch leaves to people.
 */
public final class RemediationCatalog {

    static final String PRICINGS_API = "2024-01-01";
    static final String AUTO_PROVISIONING_API = "2017-08-01-preview";
    static final String DCR_ASSOCIATIONS_API = "2024-03-11";
    static final String POLICY_EXEMPTIONS_API = "2024-12-01-preview";
    static final String MDE_ONBOARDINGS_API = "2021-10-01-preview";

    /** The exemption's name on a machine: one per machine, so a second PUT updates it rather than adding another. */
    static final String EXEMPTION_NAME = "coverwatch-defender-extensions";

    @FunctionalInterface
    private interface Planner {
        RemediationPlan plan(Finding finding, ResourceFacts facts);
    }

    private static final Map<RuleId, Planner> BY_RULE = Map.ofEntries(
            Map.entry(RuleId.DEFENDER_FOR_SERVERS, plan("VirtualMachines", "P2")),
            Map.entry(RuleId.DEFENDER_FOR_SQL, plan("SqlServers", null)),
            Map.entry(RuleId.DEFENDER_FOR_SQL_VM, plan("SqlServerVirtualMachines", null)),
            Map.entry(RuleId.DEFENDER_FOR_STORAGE, plan("StorageAccounts", "DefenderForStorageV2")),
            Map.entry(RuleId.DEFENDER_FOR_KEY_VAULT, plan("KeyVaults", null)),
            Map.entry(RuleId.DEFENDER_FOR_CONTAINERS, plan("Containers", null)),
            Map.entry(RuleId.DEFENDER_FOR_APP_SERVICE, plan("AppServices", null)),
            Map.entry(
                    RuleId.LOG_ANALYTICS_AGENT, (f, facts) -> installAgent(AgentInstall.AZURE_MONITOR_AGENT, f, facts)),
            Map.entry(RuleId.NOT_MONITORED, RemediationCatalog::machineGap),
            Map.entry(RuleId.AMA_DOWN, (f, facts) -> reinstallAgent(AgentInstall.AZURE_MONITOR_AGENT, f, facts)),
            Map.entry(RuleId.ARC_DISCONNECTED, (f, facts) -> disconnected(Target.of(facts.resourceId(), facts.tags()))),
            Map.entry(RuleId.LEGACY_AGENT, RemediationCatalog::migrateFromLegacyAgent),
            Map.entry(RuleId.AMA_NOT_COLLECTING, RemediationCatalog::associateDataCollectionRule),
            Map.entry(
                    RuleId.MDE_NOT_DEPLOYED, (f, facts) -> installAgent(AgentInstall.DEFENDER_FOR_ENDPOINT, f, facts)),
            Map.entry(RuleId.AMA_AUTO_PROVISIONING, RemediationCatalog::enableAutoProvisioning),
            Map.entry(RuleId.MDE_AUTO_PROVISIONING, RemediationCatalog::enableAutoProvisioning),
            Map.entry(
                    RuleId.FOUNDATIONAL_CSPM,
                    leftToPeople("Foundational CSPM is free and switched on in the portal; Coverwatch will not PUT"
                            + " CloudPosture to Standard, which is the paid Defender CSPM plan")),
            Map.entry(
                    RuleId.MCSB_ASSIGNED,
                    leftToPeople("assigning the Microsoft cloud security benchmark changes the subscription's security"
                            + " policy, a decision for its owners")),
            Map.entry(
                    RuleId.SENTINEL_WORKSPACE,
                    leftToPeople("which workspace Defender for Cloud writes to is an architecture decision: Coverwatch"
                            + " does not move a subscription's data")),
            Map.entry(
                    RuleId.DCR_SECURITY_EVENTS,
                    leftToPeople("the security event collection level of a data collection rule trades evidence for"
                            + " ingestion cost: Coverwatch does not edit rules")),
            Map.entry(
                    RuleId.AZURE_LOCAL_VERSION,
                    leftToPeople("updating an Azure Local instance is a maintenance window, run from Azure Update"
                            + " Manager")));

    private RemediationCatalog() {}

    /**
     * The rules about one machine. Their planners run only once the machine's troubleshooting walk has passed every
     * step before the extensions' own status: one machine, one diagnosis, one plan (DESIGN.md §4, trust rules).
     */
    private static final Set<RuleId> MACHINE_RULES = EnumSet.of(
            RuleId.LOG_ANALYTICS_AGENT,
            RuleId.NOT_MONITORED,
            RuleId.AMA_DOWN,
            RuleId.ARC_DISCONNECTED,
            RuleId.LEGACY_AGENT,
            RuleId.AMA_NOT_COLLECTING,
            RuleId.MDE_NOT_DEPLOYED);

    /** The walk's subscription-wide steps: the subscription's own finding plans their change. */
    private static final Set<TroubleshootingStep> SUBSCRIPTION_STEPS =
            EnumSet.of(TroubleshootingStep.SERVERS_PLAN, TroubleshootingStep.AUTO_PROVISIONING);

    /**
     * The machine rules about an agent that is missing, which the Servers plan and auto-provisioning would install: a
     * failing step 1 or 2 explains them. An agent that is installed and broken (down, disconnected, not collecting) is
     * not explained by them, and keeps its own plan.
     */
    private static final Set<RuleId> PROVISIONED_BY_SUBSCRIPTION =
            EnumSet.of(RuleId.LOG_ANALYTICS_AGENT, RuleId.NOT_MONITORED, RuleId.MDE_NOT_DEPLOYED);

    /** The plan for a finding, given what inventory knows about its resource. */
    public static RemediationPlan planFor(Finding finding, ResourceFacts facts) {
        if (finding.status() == FindingStatus.EXCLUDED) {
            return new NoRemediation("the finding is excluded"
                    + (finding.exclusionReason() == null ? "" : ": " + finding.exclusionReason())
                    + "; an excluded finding is never remediated");
        }
        Optional<RuleId> rule = RuleId.of(finding.ruleId());
        if (rule.filter(MACHINE_RULES::contains).isPresent()
                && finding.diagnosisStep() != null
                && !(SUBSCRIPTION_STEPS.contains(finding.diagnosisStep())
                        && rule.filter(PROVISIONED_BY_SUBSCRIPTION::contains).isEmpty())) {
            Optional<RemediationPlan> forStep = forFailingStep(finding.diagnosisStep(), finding, facts);
            if (forStep.isPresent()) {
                return forStep.get();
            }
        }
        Optional<Planner> planner = rule.map(BY_RULE::get);
        if (planner.isPresent()) {
            return planner.get().plan(finding, facts);
        }
        return new NoRemediation(
                RuleId.isDefenderRecommendation(finding.ruleId())
                        ? "a Defender for Cloud recommendation: follow its own remediation in Defender for Cloud"
                        : "Coverwatch has no remediation for rule " + finding.ruleId());
    }

    /** Whether the catalog has an entry for a built-in rule. */
    static boolean knows(RuleId rule) {
        return BY_RULE.containsKey(rule);
    }

    // Defender plans and auto-provisioning: subscription-wide changes.

    private static Planner plan(String pricingName, String subPlan) {
        return (finding, facts) -> {
            Target subscription = subscriptionOf(finding, facts);
            JsonBody properties = subPlan == null
                    ? JsonBody.of("pricingTier", "Standard")
                    : JsonBody.of("pricingTier", "Standard", "subPlan", subPlan);
            return new Automatic(
                    RemediationAction.ENABLE_DEFENDER_PLAN,
                    subscription,
                    ArmRequest.put(
                            subscription.subscriptionResourceId() + "/providers/Microsoft.Security/pricings/"
                                    + pricingName + "?api-version=" + PRICINGS_API,
                            JsonBody.of("properties", properties)),
                    episode(finding));
        };
    }

    private static RemediationPlan enableAutoProvisioning(Finding finding, ResourceFacts facts) {
        // The API reports only the "default" setting (azure-samples/security/autoprovisioningsettings_list.json),
        // which decides for every agent without a setting of its own.
        Target subscription = subscriptionOf(finding, facts);
        return new Automatic(
                RemediationAction.ENABLE_AUTO_PROVISIONING,
                subscription,
                ArmRequest.put(
                        subscription.subscriptionResourceId()
                                + "/providers/Microsoft.Security/autoProvisioningSettings/default?api-version="
                                + AUTO_PROVISIONING_API,
                        JsonBody.of("properties", JsonBody.of("autoProvision", "On"))),
                episode(finding));
    }

    /** The finding's subscription; its tags only when the finding is about the subscription itself. */
    private static Target subscriptionOf(Finding finding, ResourceFacts facts) {
        Target resource = Target.of(facts.resourceId(), facts.tags());
        String subscriptionId = finding.subscriptionId() == null ? resource.subscriptionId() : finding.subscriptionId();
        boolean aboutSubscription = resource.resourceGroup() == null;
        return Target.of("/subscriptions/" + subscriptionId, aboutSubscription ? facts.tags() : Map.of());
    }

    // Machines: the not-monitored walk.

    /**
     * The plan for a machine whose walk stopped before the extensions' own status, whatever rule found it; empty when
     * the walk reached the extensions, where each rule's own planner decides.
     *
     * <p>Steps 1 and 2 are subscription-wide: the subscription's CW-DEF-SERVERS or CW-PROV-* finding plans that one
     * change, so a machine's finding plans nothing rather than a copy of it per machine, nor an agent install that
     * the plan or auto-provisioning would make anyway.
     */
    private static Optional<RemediationPlan> forFailingStep(
            TroubleshootingStep step, Finding finding, ResourceFacts facts) {
        Target machine = Target.of(facts.resourceId(), facts.tags());
        return Optional.ofNullable(
                switch (step) {
                    case SERVERS_PLAN ->
                        new NoRemediation("Defender for Servers is off on the machine's subscription: its "
                                + RuleId.DEFENDER_FOR_SERVERS.id() + " finding plans enabling it, which covers "
                                + machine.name());
                    case AUTO_PROVISIONING ->
                        new NoRemediation("auto-provisioning is off on the machine's subscription: its "
                                + RuleId.AMA_AUTO_PROVISIONING.id() + " and " + RuleId.MDE_AUTO_PROVISIONING.id()
                                + " findings plan turning it on, which installs the agents on " + machine.name());
                    case OPERATING_SYSTEM -> unsupportedOs(machine, facts);
                    case OUTBOUND_CONNECTIVITY -> networkBlocked(machine);
                    case EXTENSION_POLICY -> policyExemption(finding, facts);
                    case PERMISSIONS -> missingPermissions(machine, facts, finding.diagnosis());
                    case EXTENSION_STATUS -> null;
                });
    }

    /** The first agent extension that is missing or failed, then the data collection rule association. */
    private static RemediationPlan machineGap(Finding finding, ResourceFacts facts) {
        for (AgentInstall agent : AgentInstall.values()) {
            if (agent == AgentInstall.AZURE_MONITOR_AGENT && facts.osSupport() == OsSupport.LEGACY_AGENT_ONLY) {
                continue;
            }
            Optional<ExtensionState> state = facts.extension(agent);
            if (state.isEmpty()) {
                return installAgent(agent, finding, facts);
            }
            if (state.get().failed()) {
                return reinstallAgent(agent, finding, facts);
            }
        }
        if (facts.extension(AgentInstall.AZURE_MONITOR_AGENT).isPresent()
                && facts.dataCollectionRuleIds().isEmpty()) {
            return associateDataCollectionRule(finding, facts);
        }
        return new ManualSteps(
                Obstacle.JUDGEMENT,
                finding.diagnosis() == null ? "the machine is not monitored" : finding.diagnosis(),
                List.of("Check the machine's extension status in the Azure portal (VM → Extensions): failed extensions"
                        + " show error messages that identify the specific failure."));
    }

    private static RemediationPlan installAgent(AgentInstall agent, Finding finding, ResourceFacts facts) {
        Optional<ManualSteps> blocked = machineBlocked(facts, agent);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Optional<ExtensionState> existing = facts.extension(agent);
        if (existing.isPresent()) {
            return existing.get().failed()
                    ? reinstallAgent(agent, finding, facts)
                    : new ManualSteps(
                            Obstacle.JUDGEMENT,
                            "the " + agent.displayName() + " extension "
                                    + existing.get().name() + " is already "
                                    + existing.get().provisioningState(),
                            List.of("Check the extension's status message on "
                                    + Target.of(facts.resourceId(), null).name() + " (VM → Extensions)."));
        }
        return new Automatic(
                agent == AgentInstall.AZURE_MONITOR_AGENT
                        ? RemediationAction.INSTALL_AMA
                        : RemediationAction.INSTALL_MDE,
                Target.of(facts.resourceId(), facts.tags()),
                extensionPut(agent, agent.type(facts.osType()), facts, null),
                episode(finding));
    }

    /** Re-applies the extension under its own name; a new forceUpdateTag makes the handler run again. */
    private static RemediationPlan reinstallAgent(AgentInstall agent, Finding finding, ResourceFacts facts) {
        Optional<ExtensionState> existing = facts.extension(agent);
        if (existing.isEmpty()) {
            return installAgent(agent, finding, facts);
        }
        Optional<ManualSteps> blocked = machineBlocked(facts, agent);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Instant attempt = finding.lastSeen() == null ? finding.firstSeen() : finding.lastSeen();
        return new Automatic(
                RemediationAction.REINSTALL_EXTENSION,
                Target.of(facts.resourceId(), facts.tags()),
                extensionPut(agent, existing.get().name(), facts, attempt.toString()),
                episode(finding));
    }

    private static ArmRequest extensionPut(
            AgentInstall agent, String name, ResourceFacts facts, String forceUpdateTag) {
        OsType os = facts.osType();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("publisher", agent.publisher());
        properties.put("type", agent.type(os));
        properties.put("typeHandlerVersion", agent.typeHandlerVersion(os));
        properties.put("autoUpgradeMinorVersion", true);
        if (agent.automaticUpgrade() && facts.host().automaticUpgrade()) {
            properties.put("enableAutomaticUpgrade", true);
        }
        if (forceUpdateTag != null) {
            properties.put("forceUpdateTag", forceUpdateTag);
        }
        ProtectedSetting secret = null;
        if (agent == AgentInstall.DEFENDER_FOR_ENDPOINT) {
            // MDE onboards with the subscription's package, read by the executor so the secret never reaches the audit.
            properties.put("settings", JsonBody.of("azureResourceId", facts.resourceId()));
            secret = new ProtectedSetting(
                    "defenderForEndpointOnboardingScript",
                    Target.of(facts.resourceId(), null).subscriptionResourceId()
                            + "/providers/Microsoft.Security/mdeOnboardings?api-version=" + MDE_ONBOARDINGS_API,
                    os == OsType.WINDOWS ? "onboardingPackageWindows" : "onboardingPackageLinux");
        }
        return new ArmRequest(
                "PUT",
                facts.host().extensionPath(facts.resourceId(), name),
                JsonBody.of("location", facts.location(), "properties", new JsonBody(properties)),
                secret);
    }

    /** Why an extension cannot go on this machine now, if it cannot. */
    private static Optional<ManualSteps> machineBlocked(ResourceFacts facts, AgentInstall agent) {
        Target machine = Target.of(facts.resourceId(), facts.tags());
        if (facts.host() == null || facts.osType() == null || facts.location() == null) {
            return Optional.of(new ManualSteps(
                    Obstacle.MISSING_FACTS,
                    "inventory has not described " + machine.name() + " well enough to install an extension (machine"
                            + " kind, OS type and region are needed)",
                    List.of("Install the " + agent.displayName() + " extension (" + agent.publisher() + ") from the"
                            + " Azure portal, or wait for the next inventory sync.")));
        }
        if (facts.powerState() == PowerState.POWERED_OFF) {
            return Optional.of(poweredOff(machine));
        }
        if (facts.powerState() == PowerState.DISCONNECTED) {
            return Optional.of(disconnected(machine));
        }
        if (agent == AgentInstall.AZURE_MONITOR_AGENT
                && (facts.osSupport() == OsSupport.LEGACY_AGENT_ONLY || facts.osSupport() == OsSupport.NO_SYSTEMD)) {
            return Optional.of(unsupportedOs(machine, facts));
        }
        return Optional.empty();
    }

    private static RemediationPlan associateDataCollectionRule(Finding finding, ResourceFacts facts) {
        Target machine = Target.of(facts.resourceId(), facts.tags());
        String rule = facts.configuredDataCollectionRule();
        if (rule == null) {
            return new ManualSteps(
                    Obstacle.MISSING_FACTS,
                    "no data collection rule is configured for Coverwatch to associate with " + machine.name(),
                    List.of("Associate a data collection rule that collects security events (Common) with "
                            + machine.name() + ", or configure the rule Coverwatch should associate."));
        }
        if (facts.dataCollectionRuleIds().stream().anyMatch(rule::equalsIgnoreCase)) {
            return new ManualSteps(
                    Obstacle.JUDGEMENT,
                    machine.name() + " is already associated with " + rule + " yet sends no security events",
                    List.of(
                            "Check that the data collection rule collects security events (Common) and sends them to"
                                    + " the Sentinel workspace.",
                            "Check the Azure Monitor Agent's status on " + machine.name() + "."));
        }
        String ruleName = rule.substring(rule.lastIndexOf('/') + 1);
        return new Automatic(
                RemediationAction.ASSOCIATE_DCR,
                machine,
                ArmRequest.put(
                        facts.resourceId() + "/providers/Microsoft.Insights/dataCollectionRuleAssociations/coverwatch-"
                                + ruleName + "?api-version=" + DCR_ASSOCIATIONS_API,
                        JsonBody.of("properties", JsonBody.of("dataCollectionRuleId", rule))),
                episode(finding));
    }

    /** Seed 001, failure 1: "create a policy exemption for the Defender for Cloud extensions (MDE, AMA, VA)". */
    private static RemediationPlan policyExemption(Finding finding, ResourceFacts facts) {
        Target machine = Target.of(facts.resourceId(), facts.tags());
        String assignment = facts.extensionPolicyAssignment();
        if (assignment == null) {
            return new ManualSteps(
                    Obstacle.MISSING_FACTS,
                    "an Azure Policy denies VM extensions on " + machine.name() + ", and inventory does not say which"
                            + " assignment",
                    List.of(
                            "Find the policy assignment that denies the extensions (the failed extension's message names"
                                    + " it).",
                            "Create a policy exemption for the Defender for Cloud extensions (MDE, AMA, vulnerability"
                                    + " assessment) on " + machine.name() + "."));
        }
        return new Automatic(
                RemediationAction.CREATE_POLICY_EXEMPTION,
                machine,
                ArmRequest.put(
                        facts.resourceId() + "/providers/Microsoft.Authorization/policyExemptions/" + EXEMPTION_NAME
                                + "?api-version=" + POLICY_EXEMPTIONS_API,
                        JsonBody.of(
                                "properties",
                                JsonBody.of(
                                        "policyAssignmentId",
                                        assignment,
                                        "exemptionCategory",
                                        "Waiver",
                                        "displayName",
                                        "Coverwatch: Defender for Cloud extensions on " + machine.name(),
                                        "description",
                                        "Lets Defender for Cloud install the Azure Monitor Agent, the"
                                                + " Defender for Endpoint sensor and vulnerability assessment on "
                                                + machine.name(),
                                        // Said of the machine, not of one finding: every finding of the machine
                                        // plans this same request, so they share one plan.
                                        "metadata",
                                        JsonBody.of(
                                                "reason",
                                                "policy assignment " + assignment + " denies the Defender for Cloud"
                                                        + " extensions on " + machine.name()
                                                        + " (troubleshooting step 5, Azure Policy)")))),
                episode(finding));
    }

    private static RemediationPlan migrateFromLegacyAgent(Finding finding, ResourceFacts facts) {
        Target machine = Target.of(facts.resourceId(), facts.tags());
        return new ManualSteps(
                Obstacle.JUDGEMENT,
                "removing the legacy Log Analytics agent from " + machine.name() + " stops its data until the Azure"
                        + " Monitor Agent collects the same: a person checks before the switch",
                List.of(
                        "Install the Azure Monitor Agent on " + machine.name() + " and associate a data collection rule"
                                + " that collects security events.",
                        "Confirm the workspace receives the machine's events from the Azure Monitor Agent.",
                        "Remove the MicrosoftMonitoringAgent/OmsAgentForLinux extension."));
    }

    // Manual steps: seed 001's resolutions.

    /** Failure 3: "Windows Server 2012 R2 requires the legacy Log Analytics agent (MMA) rather than AMA." */
    private static ManualSteps unsupportedOs(Target machine, ResourceFacts facts) {
        String os = facts.osName() == null ? "its operating system" : facts.osName();
        if (facts.osSupport() == OsSupport.NO_SYSTEMD) {
            return new ManualSteps(
                    Obstacle.UNSUPPORTED_OS,
                    machine.name() + " runs " + os + " without systemd, which the Azure Monitor Agent needs",
                    List.of(
                            "Move " + machine.name() + " to a Linux distribution with systemd from the supported OS"
                                    + " matrix in the Microsoft documentation.",
                            "Coverwatch installs the Azure Monitor Agent once inventory sees a supported OS."));
        }
        return new ManualSteps(
                Obstacle.UNSUPPORTED_OS,
                machine.name() + " runs " + os + "; Windows Server 2012 R2 requires the legacy Log Analytics agent"
                        + " (MMA) rather than the Azure Monitor Agent",
                List.of(
                        "Install the legacy Log Analytics agent (Microsoft.EnterpriseCloud.Monitoring/"
                                + "MicrosoftMonitoringAgent) on " + machine.name() + ".",
                        "Or upgrade " + machine.name() + " to a Windows Server version the Azure Monitor Agent"
                                + " supports; Coverwatch then installs the Azure Monitor Agent."));
    }

    /** Failure 2: outbound HTTPS to Microsoft's endpoints. */
    private static ManualSteps networkBlocked(Target machine) {
        return new ManualSteps(
                Obstacle.NETWORK_BLOCKED,
                machine.name() + " has no outbound HTTPS to the agents' endpoints",
                List.of(
                        "Allow outbound HTTPS from " + machine.name() + "'s network security group to the service tags"
                                + " AzureMonitor, AzureActiveDirectory and AzureResourceManager.",
                        "Or deploy a private link for Azure Monitor (an Azure Monitor Private Link Scope) in its"
                                + " virtual network."));
    }

    /** Failure 4: the identity that deploys extensions lacks a role on the resource group. */
    private static ManualSteps missingPermissions(Target machine, ResourceFacts facts, String diagnosis) {
        String role = facts.host() == MachineHost.ARC_MACHINE
                ? "Azure Connected Machine Resource Administrator"
                : "Virtual Machine Contributor";
        return new ManualSteps(
                Obstacle.MISSING_PERMISSIONS,
                diagnosis == null
                        ? "the identity that deploys Defender for Cloud's extensions may not create them on "
                                + machine.name()
                        : diagnosis,
                List.of(
                        "Assign the " + role + " role (or Contributor) on resource group " + machine.resourceGroup()
                                + " to the identity that deploys Defender for Cloud's extensions.",
                        "Verify the Security Admin role assignment at the subscription level includes the permissions"
                                + " for extension management."));
    }

    private static ManualSteps poweredOff(Target machine) {
        return new ManualSteps(
                Obstacle.POWERED_OFF,
                machine.name() + " is powered off, and an extension cannot be installed on a stopped VM",
                List.of(
                        "Start " + machine.name() + " if it should be running; Coverwatch plans again when inventory"
                                + " sees it running.",
                        "If it is retired, delete it so it leaves the coverage count."));
    }

    private static ManualSteps disconnected(Target machine) {
        return new ManualSteps(
                Obstacle.DISCONNECTED,
                machine.name() + "'s Azure Arc agent is disconnected, so Azure cannot reach it to install an extension",
                List.of(
                        "Restore the Connected Machine agent's connectivity on " + machine.name()
                                + " (azcmagent check).",
                        "Re-onboard the machine if it has expired (disconnected for more than 45 days)."));
    }

    private static Planner leftToPeople(String why) {
        return (finding, facts) -> new NoRemediation(why);
    }

    private static Episode episode(Finding finding) {
        return new Episode(finding.findingId(), finding.ruleId(), finding.firstSeen());
    }
}
