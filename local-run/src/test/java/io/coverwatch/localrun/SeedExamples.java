package io.coverwatch.localrun;

import io.coverwatch.contracts.Finding;

/** The seeds' own examples, as inventory-service accepts them on {@code POST /api/resources}. */
final class SeedExamples {

    static final String DEV_SUBSCRIPTION_ID = "22222222-2222-2222-2222-222222222222";
    static final String DEV_SUBSCRIPTION = "/subscriptions/" + DEV_SUBSCRIPTION_ID;
    static final String DEV_TEST_03 =
            DEV_SUBSCRIPTION + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";
    /** "Defender for Servers should be enabled" on dev-subscription. */
    static final String SERVERS_PLAN_FINDING = Finding.idFor("CW-DEF-SERVERS", DEV_SUBSCRIPTION);

    private SeedExamples() {}

    /** dev-subscription with its Defender for Servers plan at the given tier ("Free" is off). */
    static String devSubscription(String serversTier, String subPlan) {
        return """
                {"id": "%s", "type": "Microsoft.Resources/subscriptions", "name": "dev-subscription",
                 "subscriptionId": "%s",
                 "details": {"kind": "subscription", "displayName": "dev-subscription", "production": false,
                   "defenderPlans": [{"name": "VirtualMachines", "pricingTier": "%s", "subPlan": %s}]}}
                """
                .formatted(
                        DEV_SUBSCRIPTION,
                        DEV_SUBSCRIPTION_ID,
                        serversTier,
                        subPlan == null ? "null" : "\"" + subPlan + "\"");
    }

    /** dev-test-03, a running Linux VM in dev-subscription. */
    static String devTest03() {
        return """
                {"id": "%s", "type": "Microsoft.Compute/virtualMachines", "name": "dev-test-03",
                 "subscriptionId": "%s", "resourceGroup": "dev-rg", "location": "westeurope",
                 "tags": {"env": "dev"},
                 "details": {"kind": "virtualMachine", "osType": "Linux", "powerState": "PowerState/running",
                   "extensions": []}}
                """
                .formatted(DEV_TEST_03, DEV_SUBSCRIPTION_ID);
    }
}
