package io.coverwatch.remediation.safety;

import io.coverwatch.remediation.catalog.Target;
import java.util.Objects;

/** Where a remediation policy applies. A tag is the most specific scope, then a resource group, then a subscription. */
public sealed interface PolicyScope {

    /** Higher wins when several policies cover a target. */
    int specificity();

    boolean covers(Target target);

    /** The scope as a sentence names it: "resource group rg-prod". */
    String describe();

    record Subscription(String subscriptionId) implements PolicyScope {
        public Subscription {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
        }

        @Override
        public int specificity() {
            return 1;
        }

        @Override
        public boolean covers(Target target) {
            return subscriptionId.equalsIgnoreCase(target.subscriptionId());
        }

        @Override
        public String describe() {
            return "subscription " + subscriptionId;
        }
    }

    record ResourceGroup(String subscriptionId, String name) implements PolicyScope {
        public ResourceGroup {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int specificity() {
            return 2;
        }

        @Override
        public boolean covers(Target target) {
            return subscriptionId.equalsIgnoreCase(target.subscriptionId())
                    && name.equalsIgnoreCase(target.resourceGroup());
        }

        @Override
        public String describe() {
            return "resource group " + name;
        }
    }

    /** Resources carrying this tag (name compared case-insensitively, as Azure does; the value exactly). */
    record Tag(String name, String value) implements PolicyScope {
        public Tag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int specificity() {
            return 3;
        }

        @Override
        public boolean covers(Target target) {
            return target.tags().entrySet().stream()
                    .anyMatch(tag -> tag.getKey().equalsIgnoreCase(name) && value.equals(tag.getValue()));
        }

        @Override
        public String describe() {
            return "resources tagged " + this;
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }
}
