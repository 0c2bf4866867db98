package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.RuleId;
import io.coverwatch.contracts.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every rule Coverwatch applies, with its stable ID (DESIGN.md §3). IDs are part of finding IDs: never change one. */
public final class RuleCatalog {

    private static final Set<ResourceKind> MACHINES = Arrays.stream(ResourceKind.values())
            .filter(ResourceKind::isMachine)
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<ResourceKind> SUBSCRIPTION = Set.of(ResourceKind.SUBSCRIPTION);

    // Coverage: the plan that protects each kind is on.

    /** Seed 001: "Defender for Servers should be enabled", High, on dev-subscription. */
    public static final Rule DEFENDER_FOR_SERVERS = new Rule(
            RuleId.DEFENDER_FOR_SERVERS.id(),
            "Defender for Servers should be enabled",
            Severity.HIGH,
            SUBSCRIPTION,
            "Turn on the Defender for Servers plan (Microsoft.Security/pricings/VirtualMachines, tier Standard,"
                    + " sub-plan P1 or P2) on the subscription.",
            Control.ENABLE_ENHANCED_SECURITY_FEATURES);

    /** Seed 001: "Defender for SQL should be enabled", Medium, on analytics-db. */
    public static final Rule DEFENDER_FOR_SQL = planRule(
            RuleId.DEFENDER_FOR_SQL,
            "Defender for SQL should be enabled",
            ResourceKind.SQL_SERVER,
            "Defender for Azure SQL");

    public static final Rule DEFENDER_FOR_SQL_VM = planRule(
            RuleId.DEFENDER_FOR_SQL_VM,
            "Defender for SQL servers on machines should be enabled",
            ResourceKind.SQL_VIRTUAL_MACHINE,
            "Defender for SQL servers on machines");

    public static final Rule DEFENDER_FOR_STORAGE = planRule(
            RuleId.DEFENDER_FOR_STORAGE,
            "Defender for Storage should be enabled",
            ResourceKind.STORAGE_ACCOUNT,
            "Defender for Storage");

    public static final Rule DEFENDER_FOR_KEY_VAULT = planRule(
            RuleId.DEFENDER_FOR_KEY_VAULT,
            "Defender for Key Vault should be enabled",
            ResourceKind.KEY_VAULT,
            "Defender for Key Vault");

    public static final Rule DEFENDER_FOR_CONTAINERS = planRule(
            RuleId.DEFENDER_FOR_CONTAINERS,
            "Defender for Containers should be enabled",
            ResourceKind.AKS_CLUSTER,
            "Defender for Containers");

    public static final Rule DEFENDER_FOR_APP_SERVICE = planRule(
            RuleId.DEFENDER_FOR_APP_SERVICE,
            "Defender for App Service should be enabled",
            ResourceKind.APP_SERVICE,
            "Defender for App Service");

    // Monitoring and agent health of machines.

    /** Seed 001: "Log Analytics agent should be installed on VMs", High, on prod-web-01. */
    public static final Rule LOG_ANALYTICS_AGENT = new Rule(
            RuleId.LOG_ANALYTICS_AGENT.id(),
            "Log Analytics agent should be installed on VMs",
            Severity.HIGH,
            MACHINES,
            "Install the Azure Monitor Agent (AzureMonitorWindowsAgent/AzureMonitorLinuxAgent), or the legacy Log"
                    + " Analytics agent on Windows Server 2012 R2, or turn on auto-provisioning so Defender for Cloud"
                    + " installs it.",
            Control.MONITOR_MACHINES);

    public static final Rule NOT_MONITORED = new Rule(
            RuleId.NOT_MONITORED.id(),
            "Machine is not monitored",
            Severity.HIGH,
            MACHINES,
            "Fix the troubleshooting step named in the diagnosis: the Servers plan, auto-provisioning, OS support,"
                    + " outbound connectivity, policy restrictions, then the extension status.",
            Control.MONITOR_MACHINES);

    public static final Rule AMA_DOWN = new Rule(
            RuleId.AMA_DOWN.id(),
            "Azure Monitor Agent is down",
            Severity.HIGH,
            MACHINES,
            "Check the Azure Monitor Agent service on the machine and its outbound connectivity to the AzureMonitor"
                    + " service tag; restart or reinstall the AzureMonitorWindowsAgent/AzureMonitorLinuxAgent extension.",
            Control.MONITOR_MACHINES);

    public static final Rule ARC_DISCONNECTED = new Rule(
            RuleId.ARC_DISCONNECTED.id(),
            "Azure Arc machine is disconnected",
            Severity.MEDIUM,
            Set.of(ResourceKind.ARC_MACHINE),
            "Restore the Connected Machine agent's connectivity (azcmagent check); re-onboard a machine that has"
                    + " expired.",
            Control.MONITOR_MACHINES);

    public static final Rule LEGACY_AGENT = new Rule(
            RuleId.LEGACY_AGENT.id(),
            "Legacy Log Analytics agent should be migrated to the Azure Monitor Agent",
            Severity.MEDIUM,
            MACHINES,
            "Install the Azure Monitor Agent with a data collection rule, then remove the MicrosoftMonitoringAgent/"
                    + "OmsAgentForLinux extension.",
            Control.CONFIGURE_DATA_COLLECTION);

    // Cross-signal.

    public static final Rule AMA_NOT_COLLECTING = new Rule(
            RuleId.AMA_NOT_COLLECTING.id(),
            "Azure Monitor Agent is not collecting security events",
            Severity.MEDIUM,
            MACHINES,
            "Check auto-provisioning and associate a data collection rule that collects security events (Common) with"
                    + " the machine.",
            Control.CONFIGURE_DATA_COLLECTION);

    public static final Rule MDE_NOT_DEPLOYED = new Rule(
            RuleId.MDE_NOT_DEPLOYED.id(),
            "Defender for Endpoint is not deployed",
            Severity.HIGH,
            MACHINES,
            "Check the MDE sensor status on the machine; Defender for Servers deploys MDE.Windows/MDE.Linux when the"
                    + " plan is on and the machine is supported.",
            Control.ENABLE_ENDPOINT_PROTECTION);

    // Configuration recommendations.

    public static final Rule FOUNDATIONAL_CSPM = new Rule(
            RuleId.FOUNDATIONAL_CSPM.id(),
            "Foundational CSPM should be enabled",
            Severity.MEDIUM,
            SUBSCRIPTION,
            "Turn on Foundational CSPM (Microsoft.Security/pricings/CloudPosture) on the subscription; it costs"
                    + " nothing and needs Owner or Contributor.",
            Control.ENABLE_ENHANCED_SECURITY_FEATURES);

    public static final Rule MCSB_ASSIGNED = new Rule(
            RuleId.MCSB_ASSIGNED.id(),
            "Microsoft cloud security benchmark should be assigned",
            Severity.MEDIUM,
            SUBSCRIPTION,
            "Defender for Cloud, Environment settings, the subscription, Security policies: set the Microsoft cloud"
                    + " security benchmark's status to On.",
            Control.REMEDIATE_SECURITY_CONFIGURATIONS);

    public static final Rule AMA_AUTO_PROVISIONING = new Rule(
            RuleId.AMA_AUTO_PROVISIONING.id(),
            "Auto-provisioning of the Azure Monitor Agent should be enabled",
            Severity.MEDIUM,
            SUBSCRIPTION,
            "Defender for Cloud, Environment settings, the subscription, Auto provisioning: turn on the Azure Monitor"
                    + " Agent.",
            Control.CONFIGURE_DATA_COLLECTION);

    public static final Rule MDE_AUTO_PROVISIONING = new Rule(
            RuleId.MDE_AUTO_PROVISIONING.id(),
            "Auto-provisioning of the Defender for Endpoint sensor should be enabled",
            Severity.MEDIUM,
            SUBSCRIPTION,
            "Defender for Cloud, Environment settings, the subscription, Auto provisioning: turn on the Defender for"
                    + " Endpoint sensor.",
            Control.CONFIGURE_DATA_COLLECTION);

    public static final Rule SENTINEL_WORKSPACE = new Rule(
            RuleId.SENTINEL_WORKSPACE.id(),
            "Defender for Cloud should use the Sentinel workspace",
            Severity.LOW,
            SUBSCRIPTION,
            "Auto provisioning, Log Analytics agent/Azure Monitor Agent, Configuration: select your Sentinel workspace"
                    + " instead of the default.",
            Control.CONFIGURE_DATA_COLLECTION);

    public static final Rule DCR_SECURITY_EVENTS = new Rule(
            RuleId.DCR_SECURITY_EVENTS.id(),
            "Data collection rules should collect Common security events",
            Severity.MEDIUM,
            Set.of(ResourceKind.DATA_COLLECTION_RULE),
            "Set the rule's security event collection level to Common (All Events for production servers that need"
                    + " forensic detail).",
            Control.CONFIGURE_DATA_COLLECTION);

    public static final Rule AZURE_LOCAL_VERSION = new Rule(
            RuleId.AZURE_LOCAL_VERSION.id(),
            "Azure Local should run version 2311 or later",
            Severity.MEDIUM,
            Set.of(ResourceKind.AZURE_LOCAL_INSTANCE),
            "Update the Azure Local instance to 2311 or later through Azure Update Manager's Azure Local section; its"
                    + " exclusive recommendations need it.",
            Control.REMEDIATE_SECURITY_CONFIGURATIONS);

    public static final List<Rule> ALL = List.of(
            DEFENDER_FOR_SERVERS,
            DEFENDER_FOR_SQL,
            DEFENDER_FOR_SQL_VM,
            DEFENDER_FOR_STORAGE,
            DEFENDER_FOR_KEY_VAULT,
            DEFENDER_FOR_CONTAINERS,
            DEFENDER_FOR_APP_SERVICE,
            LOG_ANALYTICS_AGENT,
            NOT_MONITORED,
            AMA_DOWN,
            ARC_DISCONNECTED,
            LEGACY_AGENT,
            AMA_NOT_COLLECTING,
            MDE_NOT_DEPLOYED,
            FOUNDATIONAL_CSPM,
            MCSB_ASSIGNED,
            AMA_AUTO_PROVISIONING,
            MDE_AUTO_PROVISIONING,
            SENTINEL_WORKSPACE,
            DCR_SECURITY_EVENTS,
            AZURE_LOCAL_VERSION);

    private static final Pattern DEFENDER_RECOMMENDATION_ID = Pattern.compile(
            Pattern.quote(RuleId.DEFENDER_RECOMMENDATION_PREFIX)
                    + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            Pattern.CASE_INSENSITIVE);

    private RuleCatalog() {}

    /** The catalog rule with this ID, compared case-insensitively. */
    public static Optional<Rule> find(String id) {
        return ALL.stream().filter(rule -> rule.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The canonical spelling of a rule ID a user may name: a catalog rule, or a Defender recommendation
     * ({@code CW-MDC-} and an assessment key, which is a GUID); empty for anything else.
     */
    public static Optional<String> canonicalId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String trimmed = id.trim();
        return find(trimmed)
                .map(Rule::id)
                .or(() -> DEFENDER_RECOMMENDATION_ID.matcher(trimmed).matches()
                        ? Optional.of(RuleId.DEFENDER_RECOMMENDATION_PREFIX
                                + trimmed.substring(RuleId.DEFENDER_RECOMMENDATION_PREFIX.length())
                                        .toLowerCase(Locale.ROOT))
                        : Optional.empty());
    }

    /**
     * The rule for a Defender for Cloud recommendation from continuous export: ID {@code CW-MDC-<assessment key>},
     * its display name, its severity (Medium when the export carries no metadata), on the assessed resource's kind.
     */
    public static Rule defenderRecommendation(DefenderAssessment assessment) {
        String key = assessment.assessmentKey().toLowerCase(Locale.ROOT);
        String title =
                assessment.displayName() == null || assessment.displayName().isBlank()
                        ? "Defender for Cloud recommendation " + key
                        : assessment.displayName();
        String remediation = assessment.remediationDescription() != null
                ? assessment.remediationDescription()
                : "Follow the recommendation in Defender for Cloud"
                        + (assessment.portalLink() == null ? "." : ": " + assessment.portalLink());
        return new Rule(
                RuleId.DEFENDER_RECOMMENDATION_PREFIX + key,
                title,
                assessment.severity() == null ? Severity.MEDIUM : assessment.severity(),
                Set.of(ResourceKind.ofResourceId(assessment.resourceId())),
                remediation,
                Control.REMEDIATE_SECURITY_CONFIGURATIONS);
    }

    private static Rule planRule(RuleId id, String title, ResourceKind kind, String plan) {
        String pricing = kind.defenderPlan().orElseThrow();
        return new Rule(
                id.id(),
                title,
                Severity.MEDIUM,
                Set.of(kind),
                "Turn on " + plan + " (Microsoft.Security/pricings/" + pricing + ", tier Standard) on the"
                        + " subscription.",
                Control.ENABLE_ENHANCED_SECURITY_FEATURES);
    }
}
