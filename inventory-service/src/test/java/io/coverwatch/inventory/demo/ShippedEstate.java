package io.coverwatch.inventory.demo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The default estate as it ships, by resource name (names are unique in it, except prod-db-01's SQL VM twin). */
final class ShippedEstate {

    static final String PROD_SUBSCRIPTION_ID = "11111111-1111-1111-1111-111111111111";
    static final String DEV_SUBSCRIPTION_ID = "22222222-2222-2222-2222-222222222222";
    static final String DEV_SUBSCRIPTION = "/subscriptions/" + DEV_SUBSCRIPTION_ID;
    static final String PROD_WEB_01 = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";
    static final String PROD_DB_01 = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";
    static final String DEV_TEST_03 =
            DEV_SUBSCRIPTION + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";
    static final String PROD_JUMP_01 = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-jump-01";
    static final String PROD_WEB_STORE = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/prodwebstore01";
    static final String AZLOCAL_WITNESS = "/subscriptions/33333333-3333-3333-3333-333333333333"
            + "/resourceGroups/azlocal-rg/providers/Microsoft.Storage/storageAccounts/azlocalwitness01";
    static final String ANALYTICS_DB = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/data-rg/providers/Microsoft.Sql/servers/analytics-db";

    private ShippedEstate() {}

    static List<DemoResource> load() {
        return EstateFile.load("classpath:demo/estate.json");
    }

    static Map<String, DemoResource> byId() {
        return load().stream().collect(Collectors.toMap(demo -> demo.id(), Function.identity()));
    }

    static DemoResource get(String id) {
        DemoResource demo = byId().get(id);
        if (demo == null) {
            throw new AssertionError("The shipped estate has no " + id);
        }
        return demo;
    }
}
