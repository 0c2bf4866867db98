package io.coverwatch.remediation.controls;

import io.coverwatch.remediation.safety.PolicyScope;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a policy scope is written in the API and the database: a subscription ID, {@code subscriptionId/resourceGroup},
 * or a tag {@code name=value}.
 */
@Schema(
        description = "How a policy's scopeValue is written: SUBSCRIPTION (a subscription ID), RESOURCE_GROUP"
                + " (subscriptionId/resourceGroup) or TAG (name=value).")
public enum ScopeKind {
    SUBSCRIPTION(value -> new PolicyScope.Subscription(value)),
    RESOURCE_GROUP(value -> {
        String[] parts = value.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException(
                    "a resource-group scope is written subscriptionId/resourceGroup, not '" + value + "'");
        }
        return new PolicyScope.ResourceGroup(parts[0], parts[1]);
    }),
    TAG(value -> {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("a tag scope is written name=value, not '" + value + "'");
        }
        return new PolicyScope.Tag(value.substring(0, equals), value.substring(equals + 1));
    });

    private final Function<String, PolicyScope> reader;

    ScopeKind(Function<String, PolicyScope> reader) {
        this.reader = reader;
    }

    /** The scope a value names; IllegalArgumentException when the value is not written as this kind asks. */
    public PolicyScope scope(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + this + " scope needs a value");
        }
        return reader.apply(value.trim());
    }
}
