package io.coverwatch.remediation.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The resource an action changes, with what the safety policies match on.
 *
 * @param resourceGroup null for a subscription
 * @param tags          the resource's tags (the opt-out tag and tag-scoped policies read them)
 */
public record Target(String resourceId, String subscriptionId, String resourceGroup, Map<String, String> tags) {

    public Target {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The target named by an ARM resource ID: {@code /subscriptions/{s}[/resourceGroups/{rg}/…]}. */
    public static Target of(String resourceId, Map<String, String> tags) {
        String[] segments = resourceId.replaceAll("^/+|/+$", "").split("/");
        if (segments.length < 2 || !segments[0].equalsIgnoreCase("subscriptions")) {
            throw new IllegalArgumentException("not an ARM resource ID: " + resourceId);
        }
        String group = segments.length >= 4 && segments[2].equalsIgnoreCase("resourceGroups") ? segments[3] : null;
        return new Target(resourceId, segments[1].toLowerCase(Locale.ROOT), group, tags);
    }

    /** The last segment of the ID: {@code prod-web-01}, or the subscription's ID. */
    public String name() {
        return resourceId.substring(resourceId.replaceAll("/+$", "").lastIndexOf('/') + 1);
    }

    /** The ARM ID of the subscription. */
    public String subscriptionResourceId() {
        return "/subscriptions/" + subscriptionId;
    }
}
