package io.coverwatch.inventory.demo;

import java.util.List;
import java.util.Optional;

/** What can go wrong in the demo estate, played through {@code POST /api/demo/scenarios/{name}}. */
public enum Scenario implements DemoOperation.Named {
    AGENT_STOPS(new DemoOperation(
            "agent-stops",
            "An agent on a machine stops: no more heartbeats (agent: ama, the default, or legacy).",
            List.of("resourceId"),
            DemoChanges::agentStops)),
    AGENT_RESTARTS(new DemoOperation(
            "agent-restarts",
            "A stopped agent on a machine starts again and heartbeats (agent: ama, the default, or legacy).",
            List.of("resourceId"),
            DemoChanges::agentRestarts)),
    VM_POWERED_OFF(new DemoOperation(
            "vm-powered-off",
            "A VM is powered off (an Arc machine disconnects): it is its own state, not an agent failure.",
            List.of("resourceId"),
            DemoChanges::poweredOff)),
    EXTENSION_REMOVED(new DemoOperation(
            "extension-removed",
            "An extension, named by publisher and type, is removed from a machine.",
            List.of("resourceId", "publisher", "type"),
            DemoChanges::extensionRemoved)),
    EXTENSION_FAILED(new DemoOperation(
            "extension-failed",
            "An extension, named by publisher and type, fails with a status message (statusMessage, optional).",
            List.of("resourceId", "publisher", "type"),
            DemoChanges::extensionFailed)),
    PLAN_SWITCHED_OFF(new DemoOperation(
            "plan-switched-off",
            "A Defender plan (plan, its pricing name) is switched to Free on a subscription.",
            List.of("resourceId or subscriptionId", "plan"),
            DemoChanges::planSwitchedOff)),
    POLICY_DENIES_EXTENSIONS(new DemoOperation(
            "policy-denies-extensions",
            "A policy starts denying VM extensions on an Azure VM (policyAssignmentId names it).",
            List.of("resourceId"),
            DemoChanges::policyDeniesExtensions));

    private final DemoOperation operation;

    Scenario(DemoOperation operation) {
        this.operation = operation;
    }

    @Override
    public DemoOperation operation() {
        return operation;
    }

    public static Optional<Scenario> named(String spelling) {
        return DemoOperation.named(values(), spelling);
    }
}
