package io.coverwatch.evaluation.rules.diagnosis;

import io.coverwatch.contracts.AgentExtension;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.Subscriptions;
import io.coverwatch.evaluation.rules.machine.Machine;
import io.coverwatch.evaluation.rules.posture.AutoProvisioning;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Walks seed 001's troubleshooting order for a machine (VM, Arc machine, Azure Local VM). */
public final class MachineDiagnosis {

    /** What a failed extension's message says when ARM refused the deployment for lack of a role assignment. */
    private static final List<String> AUTHORIZATION_FAILURES =
            List.of("authorizationfailed", "does not have authorization", "is not authorized");

    /** What a failed extension's message says when Azure Policy denied the deployment. */
    private static final List<String> POLICY_DENIALS = List.of("requestdisallowedbypolicy", "disallowed by policy");

    private MachineDiagnosis() {}

    /** @throws IllegalArgumentException when the resource is not a machine */
    public static Diagnosis diagnose(EvaluationInput input) {
        ResourceKind kind = ResourceKind.of(input.resource().type());
        if (!kind.isMachine()) {
            throw new IllegalArgumentException(input.resource().id() + " is not a machine but " + kind);
        }
        Optional<Machine> machine = Machine.of(input.resource());
        Map<TroubleshootingStep, StepResult> steps = new EnumMap<>(TroubleshootingStep.class);
        for (TroubleshootingStep step : TroubleshootingStep.values()) {
            steps.put(step, check(step, input, machine));
        }
        return new Diagnosis(steps);
    }

    private static StepResult check(TroubleshootingStep step, EvaluationInput input, Optional<Machine> machine) {
        return switch (step) {
            case SERVERS_PLAN -> serversPlan(input);
            case AUTO_PROVISIONING -> autoProvisioning(input);
            case OPERATING_SYSTEM ->
                machine.map(MachineDiagnosis::operatingSystem).orElseGet(MachineDiagnosis::undescribed);
            case OUTBOUND_CONNECTIVITY ->
                machine.map(MachineDiagnosis::outboundConnectivity).orElseGet(MachineDiagnosis::undescribed);
            case EXTENSION_POLICY ->
                machine.map(MachineDiagnosis::extensionPolicy).orElseGet(MachineDiagnosis::undescribed);
            case PERMISSIONS ->
                machine.map(m -> permissions(m, input.resource().resourceGroup()))
                        .orElseGet(MachineDiagnosis::undescribed);
            case EXTENSION_STATUS ->
                machine.map(MachineDiagnosis::extensionStatus).orElseGet(MachineDiagnosis::undescribed);
        };
    }

    private static StepResult serversPlan(EvaluationInput input) {
        Optional<SubscriptionDetails> subscription = Subscriptions.of(input);
        if (subscription.isEmpty()) {
            return new StepResult.Unknown(Subscriptions.notReported(input).reason());
        }
        return Subscriptions.planOn(subscription.get(), DefenderPlan.SERVERS)
                ? StepResult.PASSED
                : new StepResult.Failed("Defender for Servers is off on subscription " + Subscriptions.name(input)
                        + ": turn on the VirtualMachines plan (tier Standard, P1 or P2)");
    }

    private static StepResult autoProvisioning(EvaluationInput input) {
        Optional<SubscriptionDetails> subscription = Subscriptions.of(input);
        if (subscription.isEmpty()) {
            return new StepResult.Unknown(Subscriptions.notReported(input).reason());
        }
        List<String> off = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (AutoProvisioning agent : AutoProvisioning.values()) {
            Optional<Boolean> on = agent.on(subscription.get());
            if (on.isEmpty()) {
                unknown.add(agent.agent());
            } else if (!on.get()) {
                off.add(agent.agent());
            }
        }
        if (!off.isEmpty()) {
            return new StepResult.Failed("auto-provisioning is off on subscription " + Subscriptions.name(input)
                    + " for the " + String.join(" and the ", off));
        }
        return unknown.isEmpty()
                ? StepResult.PASSED
                : new StepResult.Unknown(
                        "no auto-provisioning setting reported for the " + String.join(" and the ", unknown));
    }

    private static StepResult operatingSystem(Machine machine) {
        if (machine.os() == null) {
            return new StepResult.Unknown("inventory does not report the operating system");
        }
        if (machine.windowsServer2012R2()) {
            return machine.extension(AgentExtension.LOG_ANALYTICS_AGENT).isPresent()
                    ? StepResult.PASSED
                    : new StepResult.Failed(osName(machine)
                            + " is Windows Server 2012 R2, which needs the legacy Log Analytics agent (MMA),"
                            + " not the Azure Monitor Agent");
        }
        if (machine.linuxWithoutSystemd()) {
            return new StepResult.Failed(
                    osName(machine) + " does not run systemd, so the Azure Monitor Agent cannot run on it");
        }
        if (!machine.windows() && machine.os().systemd() == null) {
            return new StepResult.Unknown("inventory cannot tell whether " + osName(machine) + " runs systemd");
        }
        return StepResult.PASSED;
    }

    private static StepResult outboundConnectivity(Machine machine) {
        if (machine.outboundToAzureMonitor() == null) {
            return new StepResult.Unknown(
                    "inventory cannot tell whether the machine reaches the AzureMonitor" + " service tag");
        }
        return machine.outboundToAzureMonitor()
                ? StepResult.PASSED
                : new StepResult.Failed("no outbound HTTPS to the AzureMonitor, AzureActiveDirectory and"
                        + " AzureResourceManager service tags: allow them in the NSG or deploy a private link for"
                        + " Azure Monitor");
    }

    private static StepResult extensionPolicy(Machine machine) {
        Optional<VmExtension> denied = failedWith(machine, POLICY_DENIALS);
        if (Boolean.TRUE.equals(machine.extensionPolicyDenied()) || denied.isPresent()) {
            return new StepResult.Failed("an Azure Policy denies VM extensions: create a policy exemption for the"
                    + " Defender for Cloud extensions (MDE, AMA, vulnerability assessment)"
                    + denied.map(extension -> " (" + extension.type() + ": " + extension.statusMessage() + ")")
                            .orElse(""));
        }
        return machine.extensionPolicyDenied() == null
                ? new StepResult.Unknown("inventory cannot tell whether a policy denies VM extensions")
                : StepResult.PASSED;
    }

    private static StepResult permissions(Machine machine, String resourceGroup) {
        return failedWith(machine, AUTHORIZATION_FAILURES)
                .<StepResult>map(extension -> new StepResult.Failed(extension.type()
                        + " failed for missing permissions: assign the " + contributorRole(machine.kind())
                        + " role (or Contributor) on resource group " + resourceGroup
                        + " to the identity that deploys Defender for Cloud's extensions, and verify the Security Admin"
                        + " role assignment at the subscription (" + extension.statusMessage() + ")"))
                .orElse(StepResult.PASSED);
    }

    private static StepResult extensionStatus(Machine machine) {
        List<String> failures = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (AgentExtension agent : List.of(machine.logAgent(), AgentExtension.DEFENDER_FOR_ENDPOINT)) {
            Optional<VmExtension> extension = machine.extension(agent);
            String state = extension.map(VmExtension::provisioningState).orElse(null);
            if (extension.isEmpty()) {
                failures.add("the " + agent.displayName() + " extension (" + agent.typeFor(machine.osType())
                        + ") is missing");
            } else if ("Failed".equalsIgnoreCase(state)) {
                failures.add(extension.get().type() + " failed: "
                        + Optional.ofNullable(extension.get().statusMessage()).orElse("no status message"));
            } else if (!"Succeeded".equalsIgnoreCase(state)) {
                pending.add(extension.get().type() + " is " + state);
            }
        }
        if (!failures.isEmpty()) {
            return new StepResult.Failed(String.join("; ", failures));
        }
        return pending.isEmpty() ? StepResult.PASSED : new StepResult.Unknown(String.join("; ", pending));
    }

    /** The first failed extension whose status message contains one of these (lower-case) phrases. */
    private static Optional<VmExtension> failedWith(Machine machine, List<String> phrases) {
        return machine.extensions().stream()
                .filter(extension -> "Failed".equalsIgnoreCase(extension.provisioningState()))
                .filter(extension -> extension.statusMessage() != null)
                .filter(extension ->
                        phrases.stream().anyMatch(extension.statusMessage().toLowerCase(Locale.ROOT)::contains))
                .findFirst();
    }

    /** The built-in role that may write extensions on this kind of machine. */
    private static String contributorRole(ResourceKind kind) {
        return kind == ResourceKind.VIRTUAL_MACHINE
                ? "Virtual Machine Contributor"
                : "Azure Connected Machine Resource Administrator";
    }

    private static String osName(Machine machine) {
        String name = Stream.of(machine.os().name(), machine.os().version())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? "The operating system" : name;
    }

    private static StepResult undescribed() {
        return new StepResult.Unknown("inventory has not described the machine yet");
    }
}
