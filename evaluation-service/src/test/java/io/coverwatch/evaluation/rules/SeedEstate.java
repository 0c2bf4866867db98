package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureLocalInstanceDetails;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.OperatingSystem;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.ResourceDetails;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.WorkspaceSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seeds' estate, as inventory-service's demo estate describes it: prod-subscription (everything on but Defender for
 * SQL), dev-subscription (every plan off), hybrid-subscription (Arc machines and the Azure Local instance azlocal-london),
 * and the machines of seed 001's tables.
 */
public final class SeedEstate {

    public static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    public static final String PROD = "11111111-1111-1111-1111-111111111111";
    public static final String DEV = "22222222-2222-2222-2222-222222222222";
    public static final String HYBRID = "33333333-3333-3333-3333-333333333333";

    public static final String AZURE_LOCAL_LONDON = "/subscriptions/" + HYBRID
            + "/resourceGroups/azlocal-rg/providers/Microsoft.AzureStackHCI/clusters/azlocal-london";

    private SeedEstate() {}

    // Subscriptions

    public static SubscriptionDetails prodSubscriptionDetails() {
        return new SubscriptionDetails(
                "prod-subscription",
                List.of(
                        plan("VirtualMachines", true, "P2"),
                        plan("SqlServers", false, null),
                        plan("SqlServerVirtualMachines", true, null),
                        plan("StorageAccounts", true, "DefenderForStorageV2"),
                        plan("KeyVaults", true, "PerKeyVault"),
                        plan("Containers", true, null),
                        plan("AppServices", true, null),
                        plan("CloudPosture", true, null)),
                true,
                List.of(
                        new AutoProvisioningSetting("default", true),
                        new AutoProvisioningSetting("AzureMonitorAgent", true),
                        new AutoProvisioningSetting("MdeSensor", true)),
                true,
                new WorkspaceSetting(
                        "/subscriptions/" + PROD
                                + "/resourceGroups/soc-rg/providers/Microsoft.OperationalInsights/workspaces/soc-sentinel",
                        false,
                        true));
    }

    public static SubscriptionDetails devSubscriptionDetails() {
        return new SubscriptionDetails(
                "dev-subscription",
                List.of(
                        plan("VirtualMachines", false, null),
                        plan("SqlServers", false, null),
                        plan("SqlServerVirtualMachines", false, null),
                        plan("StorageAccounts", false, null),
                        plan("KeyVaults", false, null),
                        plan("Containers", false, null),
                        plan("AppServices", false, null),
                        plan("CloudPosture", false, null)),
                false,
                List.of(new AutoProvisioningSetting("default", false)),
                true,
                new WorkspaceSetting(null, true, false));
    }

    public static SubscriptionDetails hybridSubscriptionDetails() {
        return prodSubscriptionDetails()
                .withDefenderPlans(List.of(
                        plan("VirtualMachines", true, "P1"),
                        plan("SqlServers", true, null),
                        plan("StorageAccounts", true, "DefenderForStorageV2"),
                        plan("KeyVaults", true, "PerKeyVault"),
                        plan("Containers", false, null),
                        plan("AppServices", false, null),
                        plan("CloudPosture", false, null)));
    }

    public static AzureResource subscription(String subscriptionId, SubscriptionDetails details) {
        return new AzureResource(
                AzureResource.subscriptionResourceId(subscriptionId),
                AzureResource.SUBSCRIPTION_TYPE,
                details.displayName(),
                subscriptionId,
                null,
                null,
                Map.of(),
                details);
    }

    public static AzureResource devSubscription() {
        return subscription(DEV, devSubscriptionDetails());
    }

    public static AzureResource prodSubscription() {
        return subscription(PROD, prodSubscriptionDetails());
    }

    // Machines

    public static final OperatingSystem WINDOWS_SERVER_2022 = new OperatingSystem(
            "Windows Server 2022 Datacenter",
            "10.0.20348",
            "MicrosoftWindowsServer",
            "WindowsServer",
            "2022-datacenter-azure-edition",
            null);
    public static final OperatingSystem WINDOWS_SERVER_2012_R2 = new OperatingSystem(
            "Windows Server 2012 R2 Datacenter",
            "6.3.9600",
            "MicrosoftWindowsServer",
            "WindowsServer",
            "2012-R2-Datacenter",
            null);
    public static final OperatingSystem UBUNTU_2204 =
            new OperatingSystem("Ubuntu", "22.04", "Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", true);
    public static final OperatingSystem CENTOS_6 =
            new OperatingSystem("CentOS", "6.10", "OpenLogic", "CentOS", "6.10", false);

    public static VmExtension amaWindows() {
        return extension("AzureMonitorWindowsAgent", "Microsoft.Azure.Monitor", "AzureMonitorWindowsAgent");
    }

    public static VmExtension amaLinux() {
        return extension("AzureMonitorLinuxAgent", "Microsoft.Azure.Monitor", "AzureMonitorLinuxAgent");
    }

    public static VmExtension mdeWindows() {
        return extension("MDE.Windows", "Microsoft.Azure.AzureDefenderForServers", "MDE.Windows");
    }

    public static VmExtension mdeLinux() {
        return extension("MDE.Linux", "Microsoft.Azure.AzureDefenderForServers", "MDE.Linux");
    }

    public static VmExtension mma() {
        return extension(
                "MicrosoftMonitoringAgent", "Microsoft.EnterpriseCloud.Monitoring", "MicrosoftMonitoringAgent");
    }

    public static VmExtension guestConfiguration() {
        return extension("AzurePolicyforWindows", "Microsoft.GuestConfiguration", "ConfigurationforWindows");
    }

    public static VmExtension extension(String name, String publisher, String type) {
        return new VmExtension(name, publisher, type, "1.0", "Succeeded", null);
    }

    public static VmExtension failed(VmExtension extension, String message) {
        return new VmExtension(
                extension.name(),
                extension.publisher(),
                extension.type(),
                extension.typeHandlerVersion(),
                "Failed",
                message);
    }

    public static String dcr(String subscriptionId, String name) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/monitoring-rg/providers/Microsoft.Insights"
                + "/dataCollectionRules/" + name;
    }

    public static VirtualMachineDetails windowsVm(List<VmExtension> extensions, List<String> rules) {
        return new VirtualMachineDetails(
                "Windows", "PowerState/running", extensions, WINDOWS_SERVER_2022, rules, true, false);
    }

    public static VirtualMachineDetails linuxVm(OperatingSystem os, List<VmExtension> extensions, List<String> rules) {
        return new VirtualMachineDetails("Linux", "PowerState/running", extensions, os, rules, true, false);
    }

    public static AzureResource vm(String subscriptionId, String group, String name, ResourceDetails details) {
        return resource(subscriptionId, group, "Microsoft.Compute/virtualMachines", name, details, null);
    }

    /** Seed 001: "Log Analytics agent should be installed on VMs" — it has MDE but no monitoring agent. */
    public static AzureResource prodWeb01() {
        return vm(PROD, "prod-rg", "prod-web-01", windowsVm(List.of(mdeWindows(), guestConfiguration()), List.of()));
    }

    /** Seed 001's healthy machine: AMA and MDE provisioned, the Common security events rule associated. */
    public static AzureResource prodDb01() {
        return vm(
                PROD,
                "prod-rg",
                "prod-db-01",
                windowsVm(
                        List.of(amaWindows(), mdeWindows(), guestConfiguration()),
                        List.of(dcr(PROD, "dcr-security-events-common"))));
    }

    /** Seed 001's "4 hours ago" machine, in dev-subscription: AMA installed, no MDE. */
    public static AzureResource devTest03() {
        return vm(
                DEV,
                "dev-rg",
                "dev-test-03",
                linuxVm(UBUNTU_2204, List.of(amaLinux()), List.of(dcr(DEV, "dcr-security-events-minimal"))));
    }

    /** A fully provisioned Windows VM in prod-subscription, to break one thing at a time. */
    public static AzureResource monitoredVm(String name) {
        return vm(
                PROD,
                "prod-rg",
                name,
                windowsVm(List.of(amaWindows(), mdeWindows()), List.of(dcr(PROD, "dcr-security-events-common"))));
    }

    public static AzureResource arcMachine(String name, String status, OperatingSystem os, String osType) {
        return resource(
                HYBRID,
                "arc-onprem-rg",
                "Microsoft.HybridCompute/machines",
                name,
                new ArcMachineDetails(
                        status,
                        Instant.parse("2026-11-23T02:40:00Z"),
                        osType,
                        os,
                        "1.50.02979.1836",
                        "N/A",
                        List.of(amaWindows(), mdeWindows()),
                        List.of(dcr(HYBRID, "dcr-security-events-common"))),
                null);
    }

    // Other resources

    /** Seed 001: "Defender for SQL should be enabled" on analytics-db. */
    public static AzureResource analyticsDb() {
        return resource(PROD, "data-rg", "Microsoft.Sql/servers", "analytics-db", new GenericDetails(), null);
    }

    public static AzureResource azureLocalLondon(String version) {
        return resource(
                HYBRID,
                "azlocal-rg",
                AzureResource.AZURE_LOCAL_INSTANCE_TYPE,
                "azlocal-london",
                new AzureLocalInstanceDetails(version, "ConnectedRecently"),
                null);
    }

    public static AzureResource resource(
            String subscriptionId,
            String group,
            String type,
            String name,
            ResourceDetails details,
            String azureLocalInstanceId) {
        return new AzureResource(
                "/subscriptions/" + subscriptionId + "/resourceGroups/" + group + "/providers/" + type + "/" + name,
                type,
                name,
                subscriptionId,
                group,
                "uksouth",
                Map.of("env", subscriptionId.equals(DEV) ? "dev" : "prod"),
                details,
                azureLocalInstanceId);
    }

    public static DefenderPlan plan(String name, boolean on, String subPlan) {
        return new DefenderPlan(name, on ? PricingTier.STANDARD : PricingTier.FREE, subPlan);
    }

    /** The input for a resource of the estate, its subscription resolved from the seeds. */
    public static Input input(AzureResource resource) {
        return new Input(resource);
    }

    /** Assembles an {@link EvaluationInput} the way the service does, one fact at a time. */
    public static final class Input {
        private final AzureResource resource;
        private Instant knownSince = NOW.minus(Duration.ofDays(30));
        private Optional<SubscriptionDetails> subscription;
        private Instant lastAma;
        private Instant lastLegacy;
        private Instant lastAlert;
        private Instant lastSecurityEvent;
        private final Map<String, AzureResource> dataCollectionRules = new HashMap<>();
        private final List<DefenderAssessment> assessments = new ArrayList<>();
        private final Map<ResourceKind, Long> kinds = new EnumMap<>(ResourceKind.class);
        private Duration threshold = Duration.ofMinutes(15);
        private Instant heardUpTo = NOW;

        private Input(AzureResource resource) {
            this.resource = resource;
            this.subscription = Optional.ofNullable(
                    switch (resource.subscriptionId()) {
                        case PROD -> prodSubscriptionDetails();
                        case DEV -> devSubscriptionDetails();
                        case HYBRID -> hybridSubscriptionDetails();
                        default -> null;
                    });
        }

        public Input subscription(SubscriptionDetails details) {
            this.subscription = Optional.ofNullable(details);
            return this;
        }

        public Input noSubscription() {
            this.subscription = Optional.empty();
            return this;
        }

        public Input knownFor(Duration duration) {
            this.knownSince = NOW.minus(duration);
            return this;
        }

        /** The last Azure Monitor Agent heartbeat, this long ago. */
        public Input amaHeartbeat(Duration ago) {
            this.lastAma = NOW.minus(ago);
            return this;
        }

        /** The last legacy Log Analytics agent ("Direct Agent") heartbeat, this long ago. */
        public Input legacyHeartbeat(Duration ago) {
            this.lastLegacy = NOW.minus(ago);
            return this;
        }

        public Input defenderAlert(Duration ago) {
            this.lastAlert = NOW.minus(ago);
            return this;
        }

        public Input securityEvent(Duration ago) {
            this.lastSecurityEvent = NOW.minus(ago);
            return this;
        }

        /** A data collection rule inventory reported, which the machine may be associated with. */
        public Input dataCollectionRule(AzureResource rule) {
            this.dataCollectionRules.put(AzureResource.normalizeId(rule.id()), rule);
            return this;
        }

        public Input assessment(DefenderAssessment assessment) {
            this.assessments.add(assessment);
            return this;
        }

        public Input holds(ResourceKind kind, long count) {
            this.kinds.put(kind, count);
            return this;
        }

        public Input threshold(Duration threshold) {
            this.threshold = threshold;
            return this;
        }

        /** The heartbeat stream read only up to this long ago: later heartbeats are still queued. */
        public Input heardUpTo(Duration ago) {
            this.heardUpTo = NOW.minus(ago);
            return this;
        }

        public EvaluationInput build() {
            return new EvaluationInput(
                    resource,
                    knownSince,
                    subscription,
                    dataCollectionRules,
                    Optional.empty(),
                    new AgentActivity(lastAma, lastLegacy, "GB"),
                    new SecurityActivity(lastAlert, lastSecurityEvent),
                    assessments,
                    kinds,
                    threshold,
                    Duration.ofHours(24),
                    NOW,
                    heardUpTo);
        }
    }
}
