package io.coverwatch.remediation.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coverwatch.remediation.catalog.JsonBody;
import io.coverwatch.remediation.catalog.RemediationPlan;
import java.util.Map;
import java.util.Optional;

/**
 * The body of inventory-service's {@code POST /api/demo/actions} (its {@code DemoRequest}): the demo estate's
 * counterpart of a plan's ARM request, with the fields its action reads.
 *
 * @param action the demo action: {@code install-extension}, {@code enable-plan}, {@code associate-dcr} or
 *               {@code enable-auto-provisioning}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DemoActionRequest(
        String action,
        String resourceId,
        String subscriptionId,
        String publisher,
        String type,
        String plan,
        String subPlan,
        String dataCollectionRuleId) {

    private static final String PRICINGS = "/providers/Microsoft.Security/pricings/";

    /** The demo action that makes the plan's change; empty where the demo estate has none (a policy exemption). */
    static Optional<DemoActionRequest> of(RemediationPlan.Automatic plan) {
        String target = plan.target().resourceId();
        String subscription = plan.target().subscriptionId();
        JsonBody properties = properties(plan);
        return switch (plan.action()) {
            case INSTALL_AMA, INSTALL_MDE, REINSTALL_EXTENSION ->
                Optional.of(new DemoActionRequest(
                        "install-extension",
                        target,
                        null,
                        text(properties, "publisher"),
                        text(properties, "type"),
                        null,
                        null,
                        null));
            case ASSOCIATE_DCR ->
                Optional.of(new DemoActionRequest(
                        "associate-dcr",
                        target,
                        null,
                        null,
                        null,
                        null,
                        null,
                        text(properties, "dataCollectionRuleId")));
            case ENABLE_AUTO_PROVISIONING ->
                Optional.of(new DemoActionRequest(
                        "enable-auto-provisioning", null, subscription, null, null, null, null, null));
            case ENABLE_DEFENDER_PLAN ->
                Optional.of(new DemoActionRequest(
                        "enable-plan",
                        null,
                        subscription,
                        null,
                        null,
                        pricingName(plan.request().path()),
                        text(properties, "subPlan"),
                        null));
            case CREATE_POLICY_EXEMPTION -> Optional.empty();
        };
    }

    private static JsonBody properties(RemediationPlan.Automatic plan) {
        return plan.request().body().members().get("properties") instanceof JsonBody properties
                ? properties
                : new JsonBody(Map.of());
    }

    private static String text(JsonBody body, String member) {
        return body.members().get(member) instanceof String value ? value : null;
    }

    /** {@code VirtualMachines} of {@code …/providers/Microsoft.Security/pricings/VirtualMachines?api-version=…}. */
    private static String pricingName(String path) {
        int at = path.indexOf(PRICINGS);
        if (at < 0) {
            throw new IllegalArgumentException("not a Defender pricing: " + path);
        }
        String name = path.substring(at + PRICINGS.length());
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }
}
