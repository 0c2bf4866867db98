package io.coverwatch.notification.routingstore;

import io.coverwatch.notification.routing.Route;
import io.coverwatch.notification.routing.inhibition.InhibitRule;
import java.util.List;
import java.util.Objects;

/**
 * The routing in force: the tree every notice walks, and the inhibit rules that apply on top of the built-in ones.
 *
 * @param root         the tree's root, with the configured timings filled in where it sets none
 * @param inhibitRules the configured rules (the built-in ones always apply besides)
 */
public record RoutingInForce(Route root, List<InhibitRule> inhibitRules) {

    public RoutingInForce {
        Objects.requireNonNull(root, "root");
        inhibitRules = inhibitRules == null ? List.of() : List.copyOf(inhibitRules);
    }
}
