package io.coverwatch.evaluation.rules.diagnosis;

import static io.coverwatch.evaluation.rules.SeedEstate.PROD;
import static io.coverwatch.evaluation.rules.SeedEstate.amaWindows;
import static io.coverwatch.evaluation.rules.SeedEstate.dcr;
import static io.coverwatch.evaluation.rules.SeedEstate.failed;
import static io.coverwatch.evaluation.rules.SeedEstate.input;
import static io.coverwatch.evaluation.rules.SeedEstate.mdeWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.OperatingSystem;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.diagnosis.Diagnosis.StepFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seed 001's troubleshooting order: each step as the one the walk stops at. */
class MachineDiagnosisTest {

    private static final List<String> COMMON_RULE = List.of(dcr(PROD, "dcr-security-events-common"));

    @Test
    void aMachineWithNothingWrongHasNoFailingStep() {
        Diagnosis diagnosis =
                MachineDiagnosis.diagnose(input(SeedEstate.prodDb01()).build());

        assertEquals(Optional.empty(), diagnosis.firstFailure());
        for (TroubleshootingStep step : TroubleshootingStep.values()) {
            assertEquals(StepResult.PASSED, diagnosis.result(step), step.name());
        }
    }

    @Test
    void step1DevTest03sSubscriptionHasDefenderForServersOff() {
        StepFailure failure = firstFailure(input(SeedEstate.devTest03()).build());

        assertEquals(TroubleshootingStep.SERVERS_PLAN, failure.step());
        assertEquals(
                "Step 1 (Defender for Servers plan): Defender for Servers is off on subscription dev-subscription:"
                        + " turn on the VirtualMachines plan (tier Standard, P1 or P2)",
                failure.describe());
    }

    @Test
    void step2AutoProvisioningOfTheAzureMonitorAgentIsOff() {
        StepFailure failure = firstFailure(input(SeedEstate.prodWeb01())
                .subscription(SeedEstate.prodSubscriptionDetails()
                        .withAutoProvisioning(List.of(
                                new AutoProvisioningSetting("default", true),
                                new AutoProvisioningSetting("AzureMonitorAgent", false),
                                new AutoProvisioningSetting("MdeSensor", true))))
                .build());

        assertEquals(TroubleshootingStep.AUTO_PROVISIONING, failure.step());
        assertEquals(
                "auto-provisioning is off on subscription prod-subscription for the Azure Monitor Agent",
                failure.detail());
    }

    @Test
    void step2TheDefaultSettingDecidesForAgentsWithoutTheirOwn() {
        StepFailure failure = firstFailure(input(SeedEstate.prodWeb01())
                .subscription(SeedEstate.prodSubscriptionDetails()
                        .withAutoProvisioning(List.of(new AutoProvisioningSetting("default", false))))
                .build());

        assertEquals(TroubleshootingStep.AUTO_PROVISIONING, failure.step());
        assertTrue(failure.detail().endsWith("for the Azure Monitor Agent and the Defender for Endpoint sensor"));
    }

    @Test
    void step3WindowsServer2012R2NeedsTheLegacyAgentNotTheAma() {
        AzureResource legacy = SeedEstate.vm(
                PROD,
                "prod-rg",
                "prod-legacy-01",
                vm(SeedEstate.WINDOWS_SERVER_2012_R2, List.of(amaWindows(), mdeWindows())));

        StepFailure failure = firstFailure(input(legacy).build());

        assertEquals(TroubleshootingStep.OPERATING_SYSTEM, failure.step());
        assertEquals(
                "Windows Server 2012 R2 Datacenter 6.3.9600 is Windows Server 2012 R2, which needs the legacy Log"
                        + " Analytics agent (MMA), not the Azure Monitor Agent",
                failure.detail());
    }

    @Test
    void step3WindowsServer2012R2WithTheMmaIsSupported() {
        AzureResource legacy = SeedEstate.vm(
                PROD,
                "prod-rg",
                "prod-legacy-01",
                vm(SeedEstate.WINDOWS_SERVER_2012_R2, List.of(SeedEstate.mma(), mdeWindows())));

        Diagnosis diagnosis = MachineDiagnosis.diagnose(input(legacy).build());

        assertEquals(StepResult.PASSED, diagnosis.result(TroubleshootingStep.OPERATING_SYSTEM));
        assertEquals(Optional.empty(), diagnosis.firstFailure());
    }

    @Test
    void step3LinuxWithoutSystemdHasNoAma() {
        AzureResource sandbox = SeedEstate.vm(
                PROD,
                "prod-rg",
                "dev-sandbox-02",
                new VirtualMachineDetails(
                        "Linux", "PowerState/running", List.of(), SeedEstate.CENTOS_6, List.of(), true, false));

        StepFailure failure = firstFailure(input(sandbox).build());

        assertEquals(TroubleshootingStep.OPERATING_SYSTEM, failure.step());
        assertEquals("CentOS 6.10 does not run systemd, so the Azure Monitor Agent cannot run on it", failure.detail());
    }

    @Test
    void step4NoOutboundConnectivityToTheServiceTags() {
        AzureResource isolated = SeedEstate.vm(
                PROD,
                "prod-rg",
                "dev-build-01",
                new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        List.of(
                                failed(
                                        amaWindows(),
                                        "Enable failed: the agent could not reach its endpoints"
                                                + " (global.handler.control.monitor.azure.com)."),
                                mdeWindows()),
                        SeedEstate.WINDOWS_SERVER_2022,
                        COMMON_RULE,
                        false,
                        false));

        StepFailure failure = firstFailure(input(isolated).build());

        assertEquals(TroubleshootingStep.OUTBOUND_CONNECTIVITY, failure.step());
        assertTrue(failure.detail()
                .startsWith("no outbound HTTPS to the AzureMonitor, AzureActiveDirectory and AzureResourceManager"
                        + " service tags"));
    }

    @Test
    void step5APolicyDeniesVmExtensions() {
        AzureResource restricted = SeedEstate.vm(
                PROD,
                "prod-rg",
                "prod-restricted-01",
                SeedEstate.windowsVm(List.of(mdeWindows()), List.of()).withExtensionPolicyDenied(true));

        StepFailure failure = firstFailure(input(restricted).build());

        assertEquals(TroubleshootingStep.EXTENSION_POLICY, failure.step());
        assertEquals(
                "an Azure Policy denies VM extensions: create a policy exemption for the Defender for Cloud"
                        + " extensions (MDE, AMA, vulnerability assessment)",
                failure.detail());
    }

    @Test
    void step5IsAlsoReadFromAFailedExtensionsMessageWhenInventoryCannotTell() {
        VirtualMachineDetails details = vm(
                        SeedEstate.WINDOWS_SERVER_2022,
                        List.of(
                                failed(
                                        amaWindows(),
                                        "RequestDisallowedByPolicy: Resource 'AzureMonitorWindowsAgent' was"
                                                + " disallowed by policy."),
                                mdeWindows()))
                .withExtensionPolicyDenied(null);

        StepFailure failure = firstFailure(
                input(SeedEstate.vm(PROD, "prod-rg", "prod-app-07", details)).build());

        assertEquals(TroubleshootingStep.EXTENSION_POLICY, failure.step());
        assertTrue(failure.detail().contains("AzureMonitorWindowsAgent: RequestDisallowedByPolicy"));
    }

    @Test
    void seedFailure4MissingPermissionsNamesTheRoleToAssign() {
        VmExtension denied = failed(
                amaWindows(),
                "AuthorizationFailed: The client 'a1b2' with object id 'a1b2' does not have authorization to perform"
                        + " action 'Microsoft.Compute/virtualMachines/extensions/write'.");
        AzureResource machine = SeedEstate.vm(
                PROD, "prod-rg", "prod-app-03", vm(SeedEstate.WINDOWS_SERVER_2022, List.of(denied, mdeWindows())));

        Diagnosis diagnosis = MachineDiagnosis.diagnose(input(machine).build());
        StepFailure failure = diagnosis.firstFailure().orElseThrow();

        assertEquals(TroubleshootingStep.PERMISSIONS, failure.step());
        assertTrue(
                failure.detail()
                        .startsWith("AzureMonitorWindowsAgent failed for missing permissions: assign the Virtual"
                                + " Machine Contributor role (or Contributor) on resource group prod-rg"),
                failure.detail());
        // the symptom is still recorded at the later step
        assertInstanceOf(StepResult.Failed.class, diagnosis.result(TroubleshootingStep.EXTENSION_STATUS));
    }

    @Test
    void permissionsOnAnArcMachineNameTheConnectedMachineRole() {
        AzureResource arc =
                SeedEstate.arcMachine("onprem-sql-02", "Connected", SeedEstate.WINDOWS_SERVER_2022, "Windows");
        arc = arc.withDetails(((ArcMachineDetails) arc.details())
                .withExtensions(List.of(
                        failed(amaWindows(), "LinkedAuthorizationFailed: the client does not have authorization"),
                        mdeWindows())));

        StepFailure failure = firstFailure(input(arc).build());

        assertEquals(TroubleshootingStep.PERMISSIONS, failure.step());
        assertTrue(failure.detail().contains("Azure Connected Machine Resource Administrator"), failure.detail());
    }

    @Test
    void step6AFailedExtensionShowsItsMessage() {
        AzureResource machine = SeedEstate.vm(
                PROD,
                "prod-rg",
                "prod-app-04",
                vm(
                        SeedEstate.WINDOWS_SERVER_2022,
                        List.of(amaWindows(), failed(mdeWindows(), "Onboarding blob could not be downloaded."))));

        StepFailure failure = firstFailure(input(machine).build());

        assertEquals(TroubleshootingStep.EXTENSION_STATUS, failure.step());
        assertEquals(
                "Step 6 (Extension status): MDE.Windows failed: Onboarding blob could not be downloaded.",
                failure.describe());
    }

    @Test
    void unknownStepsDoNotStopTheWalk() {
        // an Arc machine: inventory cannot tell its outbound connectivity nor whether a policy denies extensions
        AzureResource arc =
                SeedEstate.arcMachine("onprem-file-03", "Connected", SeedEstate.WINDOWS_SERVER_2022, "Windows");
        arc = arc.withDetails(((ArcMachineDetails) arc.details()).withExtensions(List.of(mdeWindows())));

        Diagnosis diagnosis = MachineDiagnosis.diagnose(input(arc).build());

        assertInstanceOf(StepResult.Unknown.class, diagnosis.result(TroubleshootingStep.OUTBOUND_CONNECTIVITY));
        assertInstanceOf(StepResult.Unknown.class, diagnosis.result(TroubleshootingStep.EXTENSION_POLICY));
        StepFailure failure = diagnosis.firstFailure().orElseThrow();
        assertEquals(TroubleshootingStep.EXTENSION_STATUS, failure.step());
        assertEquals("the Azure Monitor Agent extension (AzureMonitorWindowsAgent) is missing", failure.detail());
    }

    @Test
    void theWalkStopsAtTheFirstFailureEvenWhenLaterStepsFailToo() {
        // plan off (step 1) and policy denial (step 5): the walk names step 1
        AzureResource machine = SeedEstate.vm(
                SeedEstate.DEV,
                "dev-rg",
                "dev-locked-01",
                SeedEstate.windowsVm(List.of(), List.of()).withExtensionPolicyDenied(true));

        Diagnosis diagnosis = MachineDiagnosis.diagnose(input(machine).build());

        assertEquals(
                TroubleshootingStep.SERVERS_PLAN,
                diagnosis.firstFailure().orElseThrow().step());
        assertInstanceOf(StepResult.Failed.class, diagnosis.result(TroubleshootingStep.EXTENSION_POLICY));
    }

    @Test
    void anUnreportedSubscriptionLeavesTheFirstTwoStepsUnknown() {
        Diagnosis diagnosis = MachineDiagnosis.diagnose(
                input(SeedEstate.prodWeb01()).noSubscription().build());

        assertInstanceOf(StepResult.Unknown.class, diagnosis.result(TroubleshootingStep.SERVERS_PLAN));
        assertInstanceOf(StepResult.Unknown.class, diagnosis.result(TroubleshootingStep.AUTO_PROVISIONING));
        assertEquals(
                TroubleshootingStep.EXTENSION_STATUS,
                diagnosis.firstFailure().orElseThrow().step());
    }

    @Test
    void onlyMachinesAreDiagnosed() {
        assertThrows(
                IllegalArgumentException.class,
                () -> MachineDiagnosis.diagnose(input(SeedEstate.analyticsDb()).build()));
    }

    private static StepFailure firstFailure(EvaluationInput input) {
        return MachineDiagnosis.diagnose(input).firstFailure().orElseThrow();
    }

    private static VirtualMachineDetails vm(OperatingSystem os, List<VmExtension> extensions) {
        return new VirtualMachineDetails("Windows", "PowerState/running", extensions, os, COMMON_RULE, true, false);
    }
}
