package io.coverwatch.inventory.demo;

import jakarta.validation.constraints.Size;

/**
 * The body of a scenario or a remediation action on the demo estate. Each scenario and action reads only the fields
 * it needs (see {@link Scenario} and {@link DemoAction}).
 *
 * @param action               for {@code POST /api/demo/actions}: which action, for example {@code install-extension}
 * @param resourceId           the resource to change (a machine, or a subscription's ARM ID)
 * @param subscriptionId       instead of {@code resourceId}, where the target is a subscription
 * @param publisher            an extension's publisher, for example {@code Microsoft.Azure.Monitor}
 * @param type                 an extension's type, for example {@code AzureMonitorWindowsAgent}
 * @param statusMessage        a failed extension's status message
 * @param plan                 a Defender plan's pricing name, for example {@code VirtualMachines}
 * @param subPlan              the sub-plan to enable, for example {@code P2}
 * @param dataCollectionRuleId a data collection rule's ARM ID
 * @param agent                which agent stops: {@code ama} (default) or {@code legacy}
 * @param policyAssignmentId   the ARM ID of the policy assignment that denies extensions; optional
 */
public record DemoRequest(
        @Size(max = 64) String action,
        @Size(max = 1024) String resourceId,
        @Size(max = 64) String subscriptionId,
        @Size(max = 256) String publisher,
        @Size(max = 256) String type,
        @Size(max = 2048) String statusMessage,
        @Size(max = 64) String plan,
        @Size(max = 64) String subPlan,
        @Size(max = 1024) String dataCollectionRuleId,
        @Size(max = 16) String agent,
        @Size(max = 1024) String policyAssignmentId) {

    /** The resource the request names: {@code resourceId}, or else the subscription {@code subscriptionId}. */
    public String target() {
        if (present(resourceId)) {
            return resourceId;
        }
        if (present(subscriptionId)) {
            return "/subscriptions/" + subscriptionId;
        }
        throw new InvalidDemoRequest("resourceId is required (or subscriptionId for a subscription)");
    }

    /** A field that must be given. */
    static String required(String value, String field) {
        if (!present(value)) {
            throw new InvalidDemoRequest(field + " is required");
        }
        return value;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
