package io.coverwatch.inventory.demo;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(
        description = "What a demo scenario or action applies to; each reads only the fields its listing names"
                + " (GET /api/demo/scenarios, GET /api/demo/actions).")
public record DemoRequest(
        @Schema(description = "For POST /api/demo/actions: which action, for example install-extension; at most 64.")
                @Size(max = 64)
                String action,
        @Schema(description = "The resource to change: a machine's or a subscription's ARM ID; at most 1,024.")
                @Size(max = 1024)
                String resourceId,
        @Schema(description = "Instead of resourceId, where the target is a subscription; at most 64.") @Size(max = 64)
                String subscriptionId,
        @Schema(description = "An extension's publisher, for example Microsoft.Azure.Monitor; at most 256.")
                @Size(max = 256)
                String publisher,
        @Schema(description = "An extension's type, for example AzureMonitorWindowsAgent; at most 256.")
                @Size(max = 256)
                String type,
        @Schema(description = "A failed extension's status message; at most 2,048.") @Size(max = 2048)
                String statusMessage,
        @Schema(description = "A Defender plan's pricing name, for example VirtualMachines; at most 64.")
                @Size(max = 64)
                String plan,
        @Schema(description = "The sub-plan to enable, for example P2; at most 64.") @Size(max = 64) String subPlan,
        @Schema(description = "A data collection rule's ARM ID; at most 1,024.") @Size(max = 1024)
                String dataCollectionRuleId,
        @Schema(description = "Which agent stops: ama (the default) or legacy.") @Size(max = 16) String agent,
        @Schema(description = "The ARM ID of the policy assignment that denies extensions; optional, at most 1,024.")
                @Size(max = 1024)
                String policyAssignmentId) {

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
