package io.coverwatch.console.apis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArmPathTest {

    private static final String DEV_RG = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/dev-rg";

    @Test
    void aNameIsWhatFollowsItsProviderAndTypeEvenWithASlashInIt() {
        assertEquals("dev-test-03", ArmPath.name(DEV_RG + "/providers/Microsoft.Compute/virtualMachines/dev-test-03"));
        assertEquals(
                "<script>alert(1)</script>",
                ArmPath.name(DEV_RG + "/providers/Microsoft.Compute/virtualMachines/<script>alert(1)</script>"));
        assertEquals(
                "22222222-2222-2222-2222-222222222222",
                ArmPath.name("/subscriptions/22222222-2222-2222-2222-222222222222"));
    }

    @Test
    void eachSegmentIsPercentEncodedAndTheSlashesStay() {
        assertEquals(
                DEV_RG + "/providers/Microsoft.Compute/virtualMachines/%3Cscript%3Ealert%281%29%3C/script%3E",
                ArmPath.of(DEV_RG + "/providers/Microsoft.Compute/virtualMachines/<script>alert(1)</script>"));
        assertEquals("/subscriptions/a/resourceGroups/my%20rg", ArmPath.of("/subscriptions/a/resourceGroups/my rg"));
    }
}
