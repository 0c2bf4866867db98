package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The changes behind {@link Scenario} and {@link DemoAction}, one function each. */
final class DemoChanges {

    /** Handler versions the built-in policies deploy (azure-samples/reference/agents-and-plans.md). */
    private static final Map<String, String> HANDLER_VERSIONS = Map.of(
            "azuremonitorwindowsagent", "1.1",
            "azuremonitorlinuxagent", "1.36",
            "microsoftmonitoringagent", "1.0",
            "omsagentforlinux", "1.13");

    private static final String DEFAULT_FAILURE =
            "Extension provisioning failed: the agent could not reach its service endpoint.";

    private DemoChanges() {}

    // Scenarios

    static DemoResource agentStops(DemoResource target, DemoRequest request, Instant now) {
        return withAgent(
                target,
                request,
                demo -> demo.withAmaHeartbeat(AgentState.STOPPED),
                demo -> demo.withLegacyAgentHeartbeat(AgentState.STOPPED));
    }

    static DemoResource agentRestarts(DemoResource target, DemoRequest request, Instant now) {
        return withAgent(
                target,
                request,
                DemoResource::withAmaRunning,
                demo -> demo.withLegacyAgentHeartbeat(AgentState.RUNNING));
    }

    /** Changes the agent the request names: {@code ama} (the default) or {@code legacy}. */
    private static DemoResource withAgent(
            DemoResource target,
            DemoRequest request,
            UnaryOperator<DemoResource> ama,
            UnaryOperator<DemoResource> legacy) {
        machine(target);
        String agent = request.agent() == null ? "ama" : request.agent().toLowerCase(Locale.ROOT);
        return switch (agent) {
            case "ama" -> ama.apply(target);
            case "legacy" -> legacy.apply(target);
            default -> throw new InvalidDemoRequest("agent must be \"ama\" or \"legacy\", not " + request.agent());
        };
    }

    static DemoResource poweredOff(DemoResource target, DemoRequest request, Instant now) {
        AzureResource resource = machine(target);
        if (resource.details() instanceof VirtualMachineDetails vm) {
            return target.withResource(resource.withDetails(vm.withPowerState(Machines.STOPPED_POWER_STATE)));
        }
        ArcMachineDetails arc = (ArcMachineDetails) resource.details();
        if (Machines.DISCONNECTED.equalsIgnoreCase(arc.status())) {
            return target;
        }
        return target.withResource(resource.withDetails(arc.withStatus(Machines.DISCONNECTED, now)));
    }

    static DemoResource extensionRemoved(DemoResource target, DemoRequest request, Instant now) {
        VmExtension extension = existingExtension(target, request);
        return target.withResource(Machines.withExtensions(target.resource(), extensions -> extensions.stream()
                .filter(candidate -> candidate != extension)
                .toList()));
    }

    static DemoResource extensionFailed(DemoResource target, DemoRequest request, Instant now) {
        VmExtension extension = existingExtension(target, request);
        String message = request.statusMessage() == null ? DEFAULT_FAILURE : request.statusMessage();
        VmExtension failed = new VmExtension(
                extension.name(),
                extension.publisher(),
                extension.type(),
                extension.typeHandlerVersion(),
                Machines.FAILED,
                message);
        return target.withResource(
                Machines.withExtensions(target.resource(), replacing(extension.publisher(), extension.type(), failed)));
    }

    static DemoResource planSwitchedOff(DemoResource target, DemoRequest request, Instant now) {
        String plan = DemoRequest.required(request.plan(), "plan");
        return withPlan(target, new DefenderPlan(plan, PricingTier.FREE, null));
    }

    static DemoResource policyDeniesExtensions(DemoResource target, DemoRequest request, Instant now) {
        AzureResource resource = target.resource();
        if (!(resource.details() instanceof VirtualMachineDetails vm)) {
            throw new InvalidDemoRequest(
                    resource.id() + " is not an Azure VM (the model knows a denying policy on Azure VMs only)");
        }
        String assignmentId = request.policyAssignmentId();
        return target.withResource(resource.withDetails(
                assignmentId == null || assignmentId.isBlank()
                        ? vm.withExtensionPolicyDenied(true)
                        : vm.withExtensionPolicyAssignment(assignmentId)));
    }

    // Remediation actions

    static DemoResource installExtension(DemoResource target, DemoRequest request, Instant now) {
        AzureResource resource = machine(target);
        String publisher = DemoRequest.required(request.publisher(), "publisher");
        String type = DemoRequest.required(request.type(), "type");
        if (resource.details() instanceof VirtualMachineDetails vm && Boolean.TRUE.equals(vm.extensionPolicyDenied())) {
            throw new ActionRefused(
                    vm.extensionPolicyAssignmentId() == null
                            ? "RequestDisallowedByPolicy: a policy assignment denies VM extensions on "
                                    + resource.name() + "; add a policy exemption first"
                            : "RequestDisallowedByPolicy: Resource '" + type + "' was disallowed by policy. Policy"
                                    + " identifiers: '[{\"policyAssignment\":{\"name\":\""
                                    + vm.extensionPolicyAssignmentId()
                                            .substring(vm.extensionPolicyAssignmentId()
                                                            .lastIndexOf('/')
                                                    + 1)
                                    + "\",\"id\":\"" + vm.extensionPolicyAssignmentId() + "\"}}]'.");
        }
        VmExtension installed = new VmExtension(
                type,
                publisher,
                type,
                HANDLER_VERSIONS.getOrDefault(type.toLowerCase(Locale.ROOT), "1.0"),
                Machines.SUCCEEDED,
                null);
        DemoResource changed =
                target.withResource(Machines.withExtensions(resource, replacing(publisher, type, installed)));
        return Machines.isAzureMonitorAgent(installed) ? changed.withAmaRunning() : changed;
    }

    static DemoResource enablePlan(DemoResource target, DemoRequest request, Instant now) {
        String plan = DemoRequest.required(request.plan(), "plan");
        return withPlan(target, new DefenderPlan(plan, PricingTier.STANDARD, request.subPlan()));
    }

    static DemoResource associateDataCollectionRule(DemoResource target, DemoRequest request, Instant now) {
        AzureResource resource = machine(target);
        String rule = DemoRequest.required(request.dataCollectionRuleId(), "dataCollectionRuleId");
        if (Machines.dataCollectionRuleIds(resource).stream().anyMatch(rule::equalsIgnoreCase)) {
            return target;
        }
        return target.withResource(Machines.withDataCollectionRules(resource, rules -> append(rules, rule)));
    }

    static DemoResource enableAutoProvisioning(DemoResource target, DemoRequest request, Instant now) {
        SubscriptionDetails subscription = subscription(target);
        String name = request.type() == null ? "default" : request.type();
        List<AutoProvisioningSetting> settings = new ArrayList<>(subscription.autoProvisioning().stream()
                .filter(setting -> !setting.name().equalsIgnoreCase(name))
                .toList());
        settings.add(new AutoProvisioningSetting(name, true));
        return target.withResource(target.resource().withDetails(subscription.withAutoProvisioning(settings)));
    }

    // Helpers

    private static AzureResource machine(DemoResource target) {
        if (!Machines.isMachine(target.resource())) {
            throw new InvalidDemoRequest(target.id() + " is not a virtual machine or Arc machine");
        }
        return target.resource();
    }

    private static SubscriptionDetails subscription(DemoResource target) {
        if (target.resource().details() instanceof SubscriptionDetails subscription) {
            return subscription;
        }
        throw new InvalidDemoRequest(target.id() + " is not a subscription");
    }

    private static VmExtension existingExtension(DemoResource target, DemoRequest request) {
        AzureResource resource = machine(target);
        String publisher = DemoRequest.required(request.publisher(), "publisher");
        String type = DemoRequest.required(request.type(), "type");
        return Machines.extensions(resource).stream()
                .filter(extension -> extension.is(publisher, type))
                .findFirst()
                .orElseThrow(
                        () -> new InvalidDemoRequest(resource.name() + " has no extension " + publisher + "/" + type));
    }

    /** Puts the extension in place of any with the same publisher and type, or adds it. */
    private static UnaryOperator<List<VmExtension>> replacing(String publisher, String type, VmExtension replacement) {
        return extensions -> {
            List<VmExtension> changed = new ArrayList<>(extensions.stream()
                    .filter(extension -> !extension.is(publisher, type))
                    .toList());
            changed.add(replacement);
            return changed;
        };
    }

    /** Puts the plan in place of the one with the same name (case-insensitively), or adds it. */
    private static DemoResource withPlan(DemoResource target, DefenderPlan plan) {
        SubscriptionDetails subscription = subscription(target);
        List<DefenderPlan> plans = new ArrayList<>();
        boolean replaced = false;
        for (DefenderPlan existing : subscription.defenderPlans()) {
            boolean same = existing.name().equalsIgnoreCase(plan.name());
            plans.add(same ? keepExtensionsWhenOn(existing, plan) : existing);
            replaced |= same;
        }
        if (!replaced) {
            plans.add(plan);
        }
        return target.withResource(target.resource().withDetails(subscription.withDefenderPlans(plans)));
    }

    /** Switching a plan off drops its extensions; switching it on keeps them, and its sub-plan unless one is named. */
    private static DefenderPlan keepExtensionsWhenOn(DefenderPlan existing, DefenderPlan wanted) {
        if (!wanted.enabled()) {
            return new DefenderPlan(existing.name(), PricingTier.FREE, null);
        }
        String subPlan = wanted.subPlan() != null ? wanted.subPlan() : existing.subPlan();
        return new DefenderPlan(existing.name(), PricingTier.STANDARD, subPlan, existing.extensions());
    }

    private static List<String> append(List<String> values, String value) {
        List<String> appended = new ArrayList<>(values);
        appended.add(value);
        return appended;
    }
}
