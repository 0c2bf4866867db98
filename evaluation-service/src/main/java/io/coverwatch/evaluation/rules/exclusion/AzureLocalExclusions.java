package io.coverwatch.evaluation.rules.exclusion;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.rules.ResourceKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 000's "Security recommendation exclusions" table, built in: these recommendations may be ignored for storage
 * accounts, key vaults and machines that belong to an Azure Local instance, and never for any other resource.
 */
public final class AzureLocalExclusions {

    /** One row of the table: the affected kind, the recommendation's display name and the reason, word for word. */
    public record AzureLocalExclusion(ResourceKind kind, String recommendation, String reason) {}

    private static final String NO_PRIVATE_LINK = "Azure Local doesn't currently support private link connections.";

    public static final List<AzureLocalExclusion> ALL = List.of(
            new AzureLocalExclusion(
                    ResourceKind.STORAGE_ACCOUNT,
                    "Storage accounts should have infrastructure encryption.",
                    "Storage account encryption isn't supported for Azure Local instances because it doesn't allow"
                            + " passing in an encryption key."),
            new AzureLocalExclusion(
                    ResourceKind.STORAGE_ACCOUNT,
                    "Storage accounts should prevent shared key access.",
                    "Azure Local supports accessing storage accounts exclusively through shared keys."),
            new AzureLocalExclusion(
                    ResourceKind.STORAGE_ACCOUNT,
                    "Storage account should use a private link connection.",
                    NO_PRIVATE_LINK),
            new AzureLocalExclusion(
                    ResourceKind.KEY_VAULT, "Azure Key Vaults should use a private link.", NO_PRIVATE_LINK),
            new AzureLocalExclusion(
                    ResourceKind.ARC_MACHINE,
                    "Windows Defender Exploit Guard should be enabled on Azure Local machines.",
                    "Windows Defender Exploit Guard isn't applicable to server-core SKUs without a GUI such as the"
                            + " Azure Local OS."),
            new AzureLocalExclusion(
                    ResourceKind.ARC_MACHINE,
                    "Azure Local machines should be configured to periodically check for missing system updates.",
                    "Azure Local machines shouldn't be updated individually. Use the Azure Local section in Azure"
                            + " Update Manager to update multiple systems or the Updates page on the Azure Local"
                            + " resource view whenever an update is available for the Azure Local instance. Updating"
                            + " individual machines could result in a mixed-mode state, which isn't supported."),
            new AzureLocalExclusion(
                    ResourceKind.ARC_MACHINE,
                    "System updates should be installed on your Azure Local machines using Azure Update Manager.",
                    "Azure Local machines shouldn't be updated individually. Utilize the Azure Local section in Azure"
                            + " Update Manager to update multiple systems or the Updates page on the Azure Local"
                            + " resource view whenever an update is available for the Azure Local instance. Updating"
                            + " individual machines could result in a mixed-mode state, which isn't supported."),
            new AzureLocalExclusion(
                    ResourceKind.ARC_MACHINE,
                    "Azure Local machines should have a vulnerability assessment solution.",
                    "Microsoft Defender Vulnerability Management doesn't currently support Azure Local."));

    private AzureLocalExclusions() {}

    /**
     * The seed's reason when the recommendation is excluded for this resource: it belongs to an Azure Local instance,
     * is of the row's kind, and the names match case-insensitively, ignoring a trailing period, spacing and the
     * articles "a", "an" and "the" (the seed writes "should use a private link" where Defender's own title reads
     * "should use private link").
     */
    public static Optional<String> reasonFor(AzureResource resource, String recommendation) {
        if (resource.azureLocalInstanceId() == null || recommendation == null) {
            return Optional.empty();
        }
        ResourceKind kind = ResourceKind.of(resource.type());
        String name = comparable(recommendation);
        return ALL.stream()
                .filter(row ->
                        row.kind() == kind && comparable(row.recommendation()).equals(name))
                .map(AzureLocalExclusion::reason)
                .findFirst();
    }

    private static String comparable(String name) {
        String trimmed = name.trim();
        String withoutPeriod = trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        return Arrays.stream(withoutPeriod.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(word -> !ARTICLES.contains(word))
                .collect(Collectors.joining(" "));
    }

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
}
