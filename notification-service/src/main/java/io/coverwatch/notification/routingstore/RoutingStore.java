package io.coverwatch.notification.routingstore;

import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.channel.ChannelStore;
import io.coverwatch.notification.routing.InvalidRouting;
import io.coverwatch.notification.routing.NoticeLabel;
import io.coverwatch.notification.routing.Route;
import io.coverwatch.notification.routing.Routing;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The routing in force, stored in the database so every instance routes alike. Without a stored configuration every
 * notice goes to every channel, grouped by subscription and rule, with the configured timings and resolved notices.
 * Read in each transaction that routes (one row), so a change applies everywhere at once.
 */
@ApplicationScoped
public class RoutingStore {

    private final NotificationConfig.Routing defaults;
    private final ChannelStore channels;

    RoutingStore(NotificationConfig config, ChannelStore channels) {
        this.defaults = config.routing();
        this.channels = channels;
    }

    /** The routing in force, its root's unset timings filled in from the configuration. */
    public RoutingInForce current() {
        RoutingInForce config = stored().map(RoutingDocument::toConfig).orElseGet(this::fallback);
        Route root = config.root();
        return new RoutingInForce(
                root.withTimings(
                        root.groupWait() != null ? root.groupWait() : defaults.groupWait(),
                        root.groupInterval() != null ? root.groupInterval() : defaults.groupInterval(),
                        root.repeatInterval() != null ? root.repeatInterval() : defaults.repeatInterval()),
                config.inhibitRules());
    }

    /** The stored document, or the default as one. */
    public RoutingDocument document() {
        return stored().orElseGet(() -> RoutingDocument.of(fallback()));
    }

    /**
     * Replaces the routing. {@link InvalidRouting} when the document is not a routing tree, names a label routes do not
     * know, or sends to a channel that does not exist.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDocument replace(RoutingDocument document, Instant now) {
        RoutingInForce config = document.toConfig();
        Routing.validate(config.root());
        receivers(config.root())
                .filter(receiver -> !RoutingDocument.EVERY_CHANNEL.equals(receiver))
                .filter(receiver -> channels.named(receiver).isEmpty())
                .findFirst()
                .ifPresent(unknown -> {
                    throw new InvalidRouting("a route sends to '" + unknown + "', which is no channel: create it first,"
                            + " or use '" + RoutingDocument.EVERY_CHANNEL + "' for every channel");
                });
        RoutingDocument normalised = RoutingDocument.of(config);
        em().createNativeQuery(
                        "insert into routing_config (id, document, updated_at) values (1, :document, :now)"
                                + " on conflict (id) do update set document = excluded.document, updated_at = excluded.updated_at")
                .setParameter("document", normalised.write())
                .setParameter("now", now)
                .executeUpdate();
        return normalised;
    }

    /** Back to the default: every notice to every channel. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reset() {
        em().createNativeQuery("delete from routing_config").executeUpdate();
    }

    private Optional<RoutingDocument> stored() {
        @SuppressWarnings("unchecked")
        List<String> rows = em().createNativeQuery("select document from routing_config where id = 1")
                .getResultList();
        return rows.stream().findFirst().map(RoutingDocument::read);
    }

    private RoutingInForce fallback() {
        Route root = Route.to(RoutingDocument.EVERY_CHANNEL)
                .withGroupBy(NoticeLabel.SUBSCRIPTION.label(), NoticeLabel.RULE.label())
                .withTimings(defaults.groupWait(), defaults.groupInterval(), defaults.repeatInterval())
                .withSendResolved(true);
        return new RoutingInForce(root, List.of());
    }

    private static Stream<String> receivers(Route route) {
        return Stream.concat(
                Stream.ofNullable(route.receiver()), route.routes().stream().flatMap(RoutingStore::receivers));
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
