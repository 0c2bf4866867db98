package io.coverwatch.inventory.demo;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What can go wrong in the demo estate, played through {@code POST /api/demo/scenarios/{name}}. */
public enum Scenario {
    AGENT_STOPS(
            "agent-stops",
            "An agent on a machine stops: no more heartbeats (agent: ama, the default, or legacy).",
            List.of("resourceId"),
            DemoChanges::agentStops),
    VM_POWERED_OFF(
            "vm-powered-off",
            "A VM is powered off (an Arc machine disconnects): it is its own state, not an agent failure.",
            List.of("resourceId"),
            DemoChanges::poweredOff),
    EXTENSION_REMOVED(
            "extension-removed",
            "An extension, named by publisher and type, is removed from a machine.",
            List.of("resourceId", "publisher", "type"),
            DemoChanges::extensionRemoved),
    EXTENSION_FAILED(
            "extension-failed",
            "An extension, named by publisher and type, fails with a status message (statusMessage, optional).",
            List.of("resourceId", "publisher", "type"),
            DemoChanges::extensionFailed),
    PLAN_SWITCHED_OFF(
            "plan-switched-off",
            "A Defender plan (plan, its pricing name) is switched to Free on a subscription.",
            List.of("resourceId or subscriptionId", "plan"),
            DemoChanges::planSwitchedOff),
    POLICY_DENIES_EXTENSIONS(
            "policy-denies-extensions",
            "A policy starts denying VM extensions on an Azure VM.",
            List.of("resourceId"),
            DemoChanges::policyDeniesExtensions);

    private static final Map<String, Scenario> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Scenario::spelling, Function.identity()));

    private final String spelling;
    private final String description;
    private final List<String> fields;
    private final DemoChange change;

    Scenario(String spelling, String description, List<String> fields, DemoChange change) {
        this.spelling = spelling;
        this.description = description;
        this.fields = fields;
        this.change = change;
    }

    /** The name in the API, for example {@code agent-stops}. */
    public String spelling() {
        return spelling;
    }

    public String description() {
        return description;
    }

    /** The body fields the scenario needs. */
    public List<String> fields() {
        return fields;
    }

    public DemoResource apply(DemoResource target, DemoRequest request, Instant now) {
        return change.apply(target, request, now);
    }

    public static Optional<Scenario> named(String spelling) {
        return Optional.ofNullable(spelling == null ? null : BY_NAME.get(spelling));
    }
}
