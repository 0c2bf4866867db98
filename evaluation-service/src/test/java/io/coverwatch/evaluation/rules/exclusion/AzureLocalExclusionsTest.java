package io.coverwatch.evaluation.rules.exclusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.Severity;
import io.coverwatch.evaluation.rules.ResourceEvaluation;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.RuleOutcome;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 000's exclusion table, row by row, on azlocal-london's resources and on resources outside Azure Local. */
class AzureLocalExclusionsTest {

    private static final String UPDATES_REASON = "Azure Local machines shouldn't be updated individually. %s the Azure"
            + " Local section in Azure Update Manager to update multiple systems or the Updates page on the Azure Local"
            + " resource view whenever an update is available for the Azure Local instance. Updating individual"
            + " machines could result in a mixed-mode state, which isn't supported.";

    /** The seed's table, copied word for word. */
    static Stream<Arguments> seedTable() {
        return Stream.of(
                Arguments.of(
                        ResourceKind.STORAGE_ACCOUNT,
                        "Storage accounts should have infrastructure encryption.",
                        "Storage account encryption isn't supported for Azure Local instances because it doesn't allow"
                                + " passing in an encryption key."),
                Arguments.of(
                        ResourceKind.STORAGE_ACCOUNT,
                        "Storage accounts should prevent shared key access.",
                        "Azure Local supports accessing storage accounts exclusively through shared keys."),
                Arguments.of(
                        ResourceKind.STORAGE_ACCOUNT,
                        "Storage account should use a private link connection.",
                        "Azure Local doesn't currently support private link connections."),
                Arguments.of(
                        ResourceKind.KEY_VAULT,
                        "Azure Key Vaults should use a private link.",
                        "Azure Local doesn't currently support private link connections."),
                Arguments.of(
                        ResourceKind.ARC_MACHINE,
                        "Windows Defender Exploit Guard should be enabled on Azure Local machines.",
                        "Windows Defender Exploit Guard isn't applicable to server-core SKUs without a GUI such as the"
                                + " Azure Local OS."),
                Arguments.of(
                        ResourceKind.ARC_MACHINE,
                        "Azure Local machines should be configured to periodically check for missing system updates.",
                        String.format(UPDATES_REASON, "Use")),
                Arguments.of(
                        ResourceKind.ARC_MACHINE,
                        "System updates should be installed on your Azure Local machines using Azure Update Manager.",
                        String.format(UPDATES_REASON, "Utilize")),
                Arguments.of(
                        ResourceKind.ARC_MACHINE,
                        "Azure Local machines should have a vulnerability assessment solution.",
                        "Microsoft Defender Vulnerability Management doesn't currently support Azure Local."));
    }

    @ParameterizedTest
    @MethodSource("seedTable")
    void excludedOnAResourceOfAnAzureLocalInstanceWithTheSeedsReason(
            ResourceKind kind, String recommendation, String reason) {
        AzureResource resource = resource(kind, SeedEstate.AZURE_LOCAL_LONDON);

        RuleOutcome outcome = unhealthy(resource, recommendation);

        assertEquals(reason, outcome.exclusionReason());
        assertEquals(Optional.of(reason), AzureLocalExclusions.reasonFor(resource, recommendation));
    }

    @ParameterizedTest
    @MethodSource("seedTable")
    void notExcludedOnTheSameKindOutsideAzureLocal(ResourceKind kind, String recommendation, String reason) {
        AzureResource resource = resource(kind, null);

        RuleOutcome outcome = unhealthy(resource, recommendation);

        assertEquals(Verdict.Fail.class, outcome.verdict().getClass());
        assertNull(outcome.exclusionReason());
    }

    @Test
    void namesMatchCaseInsensitivelyAndWithoutTheTrailingPeriod() {
        AzureResource witness = resource(ResourceKind.STORAGE_ACCOUNT, SeedEstate.AZURE_LOCAL_LONDON);

        assertEquals(
                Optional.of("Azure Local supports accessing storage accounts exclusively through shared keys."),
                AzureLocalExclusions.reasonFor(witness, "storage accounts should PREVENT shared key access"));
    }

    @Test
    void defendersOwnTitleWithoutTheSeedsArticleMatchesTooButAnotherWordDoesNot() {
        AzureResource keyVault = resource(ResourceKind.KEY_VAULT, SeedEstate.AZURE_LOCAL_LONDON);

        assertEquals(
                Optional.of("Azure Local doesn't currently support private link connections."),
                AzureLocalExclusions.reasonFor(keyVault, "Azure Key Vaults should use private link"));
        assertEquals(
                Optional.empty(),
                AzureLocalExclusions.reasonFor(keyVault, "Azure Key Vaults should use private endpoints"));
    }

    @Test
    void aRowOnlyExcludesItsOwnKind() {
        AzureResource keyVault = resource(ResourceKind.KEY_VAULT, SeedEstate.AZURE_LOCAL_LONDON);

        assertEquals(
                Optional.empty(),
                AzureLocalExclusions.reasonFor(keyVault, "Storage accounts should prevent shared key access."));
    }

    @Test
    void otherRecommendationsOnAzureLocalResourcesAreNotExcluded() {
        AzureResource witness = resource(ResourceKind.STORAGE_ACCOUNT, SeedEstate.AZURE_LOCAL_LONDON);

        assertNull(unhealthy(witness, "Storage accounts should restrict network access")
                .exclusionReason());
    }

    @Test
    void aHealthyRecommendationCarriesNoExclusion() {
        AzureResource witness = resource(ResourceKind.STORAGE_ACCOUNT, SeedEstate.AZURE_LOCAL_LONDON);
        DefenderAssessment healthy =
                assessment(witness, "Storage accounts should prevent shared key access.", AssessmentStatus.HEALTHY);

        RuleOutcome outcome =
                ResourceEvaluation.evaluate(
                                SeedEstate.input(witness).assessment(healthy).build())
                        .stream()
                        .filter(o -> o.rule().id().startsWith("CW-MDC-"))
                        .findFirst()
                        .orElseThrow();

        assertEquals(Verdict.Pass.class, outcome.verdict().getClass());
        assertNull(outcome.exclusionReason());
    }

    private static RuleOutcome unhealthy(AzureResource resource, String recommendation) {
        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(SeedEstate.input(resource)
                .assessment(assessment(resource, recommendation, AssessmentStatus.UNHEALTHY))
                .build());
        return outcomes.stream()
                .filter(outcome -> outcome.rule().title().equals(recommendation))
                .findFirst()
                .orElseThrow();
    }

    private static DefenderAssessment assessment(AzureResource resource, String name, AssessmentStatus status) {
        return new DefenderAssessment(
                resource.id() + "/providers/Microsoft.Security/assessments/1195afff-c881-495e-9bc5-1486211ae03f",
                "1195afff-c881-495e-9bc5-1486211ae03f",
                name,
                resource.id(),
                status,
                Severity.MEDIUM,
                null,
                null,
                null,
                SeedEstate.NOW.minus(Duration.ofMinutes(30)));
    }

    private static AzureResource resource(ResourceKind kind, String azureLocalInstanceId) {
        String type = kind.armType().orElseThrow();
        String name = type.substring(type.lastIndexOf('/') + 1).toLowerCase() + "-01";
        return new AzureResource(
                "/subscriptions/" + SeedEstate.HYBRID + "/resourceGroups/azlocal-rg/providers/" + type + "/" + name,
                type,
                name,
                SeedEstate.HYBRID,
                "azlocal-rg",
                "uksouth",
                Map.of("env", "prod"),
                new GenericDetails(),
                azureLocalInstanceId);
    }
}
