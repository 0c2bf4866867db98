package io.coverwatch.notification.dispatch;

import io.coverwatch.notification.routing.RouteMatch;
import io.coverwatch.notification.routing.Timings;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.UUID;

/**
 * A route of one test's own, which puts every notice in one group with the default timings, and what the store holds
 * for it: tests of the store share a database with the running service and with each other.
 */
record TestRoute(RouteMatch match) {

    static TestRoute named(String name) {
        return new TestRoute(
                new RouteMatch("/" + name + "-" + UUID.randomUUID(), "soc-slack", List.of(), Timings.DEFAULTS, true));
    }

    /** Drops every group stored for the route, and with them their notices. */
    void dropGroups() {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("delete from notice_group where route_path = :path")
                .setParameter("path", match.routePath())
                .executeUpdate());
    }

    /** The identities of the notices the route's group {@code groupId} holds. */
    List<String> members(String groupId) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery(
                        "select notice_identity from notice_group_member where route_path = :path and group_id = :id",
                        String.class)
                .setParameter("path", match.routePath())
                .setParameter("id", groupId)
                .getResultList());
    }
}
