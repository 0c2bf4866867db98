package io.coverwatch.inventory.azure;

import io.coverwatch.contracts.AzureResource;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What inventory reads again when Azure reports a change to one ARM ID: the resource inventory keeps for it.
 *
 * <ul>
 *   <li>an extension of a VM or Arc machine ({@code .../virtualMachines/vm/extensions/x}): its machine;
 *   <li>a data collection rule association ({@code .../providers/Microsoft.Insights/dataCollectionRuleAssociations/x}):
 *       the resource it is associated with;
 *   <li>the subscription, or a Defender setting or policy assignment at subscription scope ({@code
 *       /subscriptions/s/providers/Microsoft.Security/...}, {@code .../Microsoft.Authorization/policyAssignments/...}):
 *       the subscription;
 *   <li>anything else: itself.
 * </ul>
 *
 * @param kind whether the target is a subscription or a resource
 * @param id the target's ARM ID, as the change spelled it
 */
public record RefreshTarget(Kind kind, String id) {

    public enum Kind {
        SUBSCRIPTION,
        RESOURCE
    }

    private static final Pattern MACHINE_EXTENSION =
            Pattern.compile("(?i)(/subscriptions/[^/]+/resourcegroups/[^/]+/providers/"
                    + "(?:microsoft\\.compute/virtualmachines|microsoft\\.hybridcompute/machines)/[^/]+)"
                    + "/extensions/[^/]+");

    private static final Pattern ASSOCIATION = Pattern.compile(
            "(?i)(/subscriptions/.+)/providers/microsoft\\.insights/datacollectionruleassociations/[^/]+");

    private static final Pattern SUBSCRIPTION_SETTING = Pattern.compile(
            "(?i)(/subscriptions/[^/]+)(?:/providers/(?:microsoft\\.security/.+|microsoft\\.authorization/policyassignments/.+))?");

    /** The target of a change to this ARM ID (which must start with {@code /subscriptions/}). */
    public static RefreshTarget of(String changedId) {
        String id = changedId.endsWith("/") ? changedId.substring(0, changedId.length() - 1) : changedId;
        Matcher subscription = SUBSCRIPTION_SETTING.matcher(id);
        if (subscription.matches()) {
            return new RefreshTarget(Kind.SUBSCRIPTION, subscription.group(1));
        }
        for (Pattern child : List.of(MACHINE_EXTENSION, ASSOCIATION)) {
            Matcher matcher = child.matcher(id);
            if (matcher.matches()) {
                return new RefreshTarget(Kind.RESOURCE, matcher.group(1));
            }
        }
        return new RefreshTarget(Kind.RESOURCE, id);
    }

    /** The lower-cased ID: targets are compared by it. */
    public String key() {
        return AzureResource.normalizeId(id);
    }

    public String subscriptionId() {
        return AzureMapping.idSegment(id, "subscriptions");
    }

    /**
     * Whether a refresh of this target reads a row for {@code changedId} back, so that row's presence confirms or
     * contradicts the change: the resource itself, one of its machine extensions, one of its associations.
     */
    public boolean readsBack(String changedId) {
        return kind == Kind.RESOURCE && of(changedId).key().equals(key());
    }

    /** Whether {@code changedId} is the target itself rather than one of its children. */
    public boolean isItself(String changedId) {
        String id = changedId.endsWith("/") ? changedId.substring(0, changedId.length() - 1) : changedId;
        return id.toLowerCase(Locale.ROOT).equals(key());
    }
}
