package io.coverwatch.evaluation.rules.exclusion;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.security.Actor;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's exemption of one rule for a scope: a resource, a resource group or a subscription ID, covering every
 * resource whose ID it prefixes. A finding it covers stays visible as excluded with this reason, until the expiry.
 *
 * @param scope     an ARM ID starting {@code /subscriptions/}: a subscription, a resource group or a resource
 * @param ruleId    a catalog rule ID or a Defender recommendation's {@code CW-MDC-<assessment key>}
 * @param expiry    when the exemption lapses: every exemption is revisited, none is forever
 * @param createdBy who asked for it, as their token names them; null on exemptions made before sign-in existed
 */
public record Exemption(String scope, String ruleId, String reason, Instant expiry, Actor createdBy) {

    /** A subscription ID and, optionally, the path of a resource group or resource below it. */
    private static final Pattern ARM_SCOPE =
            Pattern.compile("/subscriptions/[^/]+(/[^/]+)*/?", Pattern.CASE_INSENSITIVE);

    public Exemption {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expiry, "expiry");
    }

    /**
     * A new exemption, validated: a known rule ID, a scope that is an ARM ID, a reason, an expiry after {@code now}.
     * The rule ID and the scope are stored in their canonical form.
     *
     * @throws InvalidExemption saying what is wrong
     */
    public static Exemption create(
            String scope, String ruleId, String reason, Instant expiry, Actor createdBy, Instant now) {
        String canonicalRule = RuleCatalog.canonicalId(ruleId)
                .orElseThrow(() -> new InvalidExemption("Unknown rule ID: " + ruleId
                        + ". Name a rule of the catalog (CW-...) or a Defender recommendation (CW-MDC-<assessment"
                        + " key>)."));
        if (scope == null || !ARM_SCOPE.matcher(scope.trim()).matches()) {
            throw new InvalidExemption("The scope must be a subscription, resource group or resource ID starting"
                    + " with /subscriptions/: " + scope);
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidExemption("An exemption needs a reason.");
        }
        if (expiry == null) {
            throw new InvalidExemption("An exemption needs an expiry.");
        }
        if (!expiry.isAfter(now)) {
            throw new InvalidExemption("The expiry " + expiry + " is not in the future.");
        }
        String trimmedScope = scope.trim().replaceAll("/+$", "");
        return new Exemption(trimmedScope, canonicalRule, reason.trim(), expiry, createdBy);
    }

    /** Whether it exempts this rule on this resource at this time. */
    public boolean covers(String coveredRuleId, String resourceId, Instant now) {
        if (!ruleId.equalsIgnoreCase(coveredRuleId) || !expiry.isAfter(now)) {
            return false;
        }
        String resource = AzureResource.normalizeId(resourceId);
        String prefix = AzureResource.normalizeId(scope);
        return resource.equals(prefix) || resource.startsWith(prefix + "/");
    }
}
