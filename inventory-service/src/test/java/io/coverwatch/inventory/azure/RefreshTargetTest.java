package io.coverwatch.inventory.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.inventory.azure.RefreshTarget.Kind;
import org.junit.jupiter.api.Test;

class RefreshTargetTest {

    private static final String SUBSCRIPTION = "/subscriptions/11111111-1111-1111-1111-111111111111";
    private static final String PROD_WEB_01 =
            SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";
    private static final String ONPREM_SQL_01 =
            SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.HybridCompute/machines/onprem-sql-01";

    @Test
    void aResourceIsItsOwnTarget() {
        assertEquals(new RefreshTarget(Kind.RESOURCE, PROD_WEB_01), RefreshTarget.of(PROD_WEB_01));
        String storage =
                SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/prodlogs01";
        assertEquals(new RefreshTarget(Kind.RESOURCE, storage), RefreshTarget.of(storage + "/"));
        assertTrue(RefreshTarget.of(PROD_WEB_01).isItself(PROD_WEB_01.toUpperCase()));
    }

    @Test
    void anExtensionOrAssociationRefreshesItsMachine() {
        String ama = PROD_WEB_01 + "/extensions/AzureMonitorWindowsAgent";
        RefreshTarget target = RefreshTarget.of(ama);
        assertEquals(new RefreshTarget(Kind.RESOURCE, PROD_WEB_01), target);
        assertTrue(target.readsBack(ama));
        assertFalse(target.isItself(ama));

        assertEquals(
                new RefreshTarget(Kind.RESOURCE, ONPREM_SQL_01),
                RefreshTarget.of(ONPREM_SQL_01 + "/extensions/MDE.Windows"));
        String association =
                ONPREM_SQL_01.toLowerCase() + "/providers/microsoft.insights/dataCollectionRuleAssociations/security";
        assertEquals(new RefreshTarget(Kind.RESOURCE, ONPREM_SQL_01.toLowerCase()), RefreshTarget.of(association));
        assertTrue(RefreshTarget.of(ONPREM_SQL_01).readsBack(association));
        assertFalse(RefreshTarget.of(PROD_WEB_01).readsBack(association));
    }

    @Test
    void aDefenderSettingOrPolicyAssignmentRefreshesItsSubscription() {
        for (String changed : new String[] {
            SUBSCRIPTION,
            SUBSCRIPTION + "/providers/Microsoft.Security/pricings/VirtualMachines",
            SUBSCRIPTION + "/providers/Microsoft.Security/workspaceSettings/default",
            SUBSCRIPTION + "/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn"
        }) {
            RefreshTarget target = RefreshTarget.of(changed);
            assertEquals(new RefreshTarget(Kind.SUBSCRIPTION, SUBSCRIPTION), target, changed);
            assertFalse(target.readsBack(changed), "a subscription's settings have no row the refresh reads back");
        }
        assertEquals(
                "11111111-1111-1111-1111-111111111111",
                RefreshTarget.of(PROD_WEB_01).subscriptionId());
    }

    @Test
    void anotherChildIsItsOwnTarget() {
        String rule = SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.Network/networkSecurityGroups/web/"
                + "securityRules/allow-443";
        assertEquals(new RefreshTarget(Kind.RESOURCE, rule), RefreshTarget.of(rule));
        String vmPricing = PROD_WEB_01 + "/providers/Microsoft.Security/pricings/VirtualMachines";
        assertEquals(new RefreshTarget(Kind.RESOURCE, vmPricing), RefreshTarget.of(vmPricing));
    }
}
