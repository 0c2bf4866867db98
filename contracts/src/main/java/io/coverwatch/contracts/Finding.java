package io.coverwatch.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rule's verdict on one resource.
 *
 * @param findingId   stable: {@link #idFor(String, String)} of rule and resource
 * @param ruleId      stable rule ID from the rules catalog, for example {@code CW-DEF-SERVERS}
 * @param resourceId  the resource the finding is about (a subscription for plan findings)
 * @param diagnosis   the diagnosis step that failed, in the seeds' words; null when not diagnosed
 * @param remediation the suggested remediation
 * @param exclusionReason why the finding is excluded (an Azure Local exclusion or a user exemption); null unless
 *                        the status is excluded
 * @param resourceTags    the resource's tags when the finding last changed, for routing and grouping alerts
 * @param diagnosisStep   the troubleshooting step the machine's walk stopped at, which {@code diagnosis} describes;
 *                        null when the finding has no failing step (not a machine, or nothing failed). Remediation
 *                        and notification read the step from here, never from the text.
 */
@Schema(description = "A rule's verdict on one resource.")
public record Finding(
        @Schema(description = "Stable for a rule and a resource: 32 hex digits.") String findingId,
        @Schema(description = "The rule, for example CW-DEF-SERVERS.") String ruleId,
        @Schema(description = "What is wrong, in a line.") String title,
        @Schema(description = "How bad it is.") Severity severity,
        @Schema(description = "The resource it is about (a subscription for plan findings).") String resourceId,
        @Schema(description = "The resource's ARM type.") String resourceType,
        @Schema(description = "The resource's subscription.") String subscriptionId,
        @Schema(description = "Where it stands.") FindingStatus status,
        @Schema(description = "The diagnosis step that failed, in the seed's words; null when not diagnosed.")
                String diagnosis,
        @Schema(description = "The suggested remediation.") String remediation,
        @Schema(description = "When it was first raised.") Instant firstSeen,
        @Schema(description = "When a rule last confirmed it.") Instant lastSeen,
        @Schema(description = "Why it is excluded (an Azure Local exclusion or an exemption); null unless excluded.")
                String exclusionReason,
        @Schema(description = "The resource's tags when the finding last changed, for routing and grouping alerts.")
                Map<String, String> resourceTags,
        @Schema(description = "The troubleshooting step the machine's walk stopped at; null when none failed.")
                TroubleshootingStep diagnosisStep) {

    public Finding {
        Objects.requireNonNull(findingId, "findingId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(status, "status");
        resourceTags = resourceTags == null ? Map.of() : Map.copyOf(resourceTags);
    }

    /** The stable finding ID: a hash of the rule ID and the normalised resource ID. */
    public static String idFor(String ruleId, String resourceId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(
                    (ruleId + "|" + AzureResource.normalizeId(resourceId)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
