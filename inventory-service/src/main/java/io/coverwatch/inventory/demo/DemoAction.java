package io.coverwatch.inventory.demo;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A remediation action applied to the demo estate ({@code POST /api/demo/actions}), the way remediation-service's
 * executors would apply it to Azure; inventory then publishes the result, so the loop closes locally.
 */
public enum DemoAction {
    INSTALL_EXTENSION(
            "install-extension",
            "Installs (or reinstalls) an extension on a machine, by publisher and type; an Azure Monitor Agent starts"
                    + " sending heartbeats. Refused where a policy denies extensions.",
            List.of("resourceId", "publisher", "type"),
            DemoChanges::installExtension),
    ENABLE_PLAN(
            "enable-plan",
            "Switches a Defender plan (plan; subPlan optional) to Standard on a subscription.",
            List.of("resourceId or subscriptionId", "plan"),
            DemoChanges::enablePlan),
    ASSOCIATE_DCR(
            "associate-dcr",
            "Associates a data collection rule with a machine.",
            List.of("resourceId", "dataCollectionRuleId"),
            DemoChanges::associateDataCollectionRule),
    ENABLE_AUTO_PROVISIONING(
            "enable-auto-provisioning",
            "Turns an auto-provisioning setting on (type names the setting; default: default).",
            List.of("resourceId or subscriptionId"),
            DemoChanges::enableAutoProvisioning);

    private static final Map<String, DemoAction> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(DemoAction::spelling, Function.identity()));

    private final String spelling;
    private final String description;
    private final List<String> fields;
    private final DemoChange change;

    DemoAction(String spelling, String description, List<String> fields, DemoChange change) {
        this.spelling = spelling;
        this.description = description;
        this.fields = fields;
        this.change = change;
    }

    /** The name in the API, for example {@code install-extension}. */
    public String spelling() {
        return spelling;
    }

    public String description() {
        return description;
    }

    /** The body fields the action needs, besides {@code action}. */
    public List<String> fields() {
        return fields;
    }

    public DemoResource apply(DemoResource target, DemoRequest request, Instant now) {
        return change.apply(target, request, now);
    }

    public static Optional<DemoAction> named(String spelling) {
        return Optional.ofNullable(spelling == null ? null : BY_NAME.get(spelling));
    }
}
