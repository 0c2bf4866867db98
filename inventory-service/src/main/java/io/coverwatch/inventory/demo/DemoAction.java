package io.coverwatch.inventory.demo;

import java.util.List;
import java.util.Optional;

/**
 * A remediation action applied to the demo estate ({@code POST /api/demo/actions}), the way remediation-service's
 * executors would apply it to Azure; inventory then publishes the result, so the loop closes locally.
 */
public enum DemoAction implements DemoOperation.Named {
    INSTALL_EXTENSION(new DemoOperation(
            "install-extension",
            "Installs (or reinstalls) an extension on a machine, by publisher and type; an Azure Monitor Agent starts"
                    + " sending heartbeats. Refused where a policy denies extensions.",
            List.of("resourceId", "publisher", "type"),
            DemoChanges::installExtension)),
    ENABLE_PLAN(new DemoOperation(
            "enable-plan",
            "Switches a Defender plan (plan; subPlan optional) to Standard on a subscription.",
            List.of("resourceId or subscriptionId", "plan"),
            DemoChanges::enablePlan)),
    ASSOCIATE_DCR(new DemoOperation(
            "associate-dcr",
            "Associates a data collection rule with a machine.",
            List.of("resourceId", "dataCollectionRuleId"),
            DemoChanges::associateDataCollectionRule)),
    ENABLE_AUTO_PROVISIONING(new DemoOperation(
            "enable-auto-provisioning",
            "Turns an auto-provisioning setting on (type names the setting; default: default).",
            List.of("resourceId or subscriptionId"),
            DemoChanges::enableAutoProvisioning));

    private final DemoOperation operation;

    DemoAction(DemoOperation operation) {
        this.operation = operation;
    }

    @Override
    public DemoOperation operation() {
        return operation;
    }

    public static Optional<DemoAction> named(String spelling) {
        return DemoOperation.named(values(), spelling);
    }
}
