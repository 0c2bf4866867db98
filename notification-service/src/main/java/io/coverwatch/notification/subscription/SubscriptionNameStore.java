package io.coverwatch.notification.subscription;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The display name of every subscription inventory has told of, the latest by event time. */
@ApplicationScoped
public class SubscriptionNameStore {

    /** Longer names are clipped: a display name is for reading, and Azure's own limit is far below. */
    static final int MAX_NAME = 512;

    /** Records {@code displayName} unless a later event already named the subscription. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learn(String subscriptionId, String displayName, Instant at) {
        if (subscriptionId == null || displayName == null || displayName.isBlank()) {
            return;
        }
        String name = displayName.strip();
        Panache.getEntityManager()
                .createNativeQuery("insert into subscription_name (subscription_id, display_name, learned_at)"
                        + " values (:id, :name, :at) on conflict (subscription_id) do update set"
                        + " display_name = excluded.display_name, learned_at = excluded.learned_at"
                        + " where subscription_name.learned_at <= excluded.learned_at")
                .setParameter("id", key(subscriptionId))
                .setParameter("name", name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name)
                .setParameter("at", at)
                .executeUpdate();
    }

    /** The subscription's display name; empty when inventory has not told of it (yet). */
    public Optional<String> nameOf(String subscriptionId) {
        return Optional.ofNullable(
                namesOf(Collections.singletonList(subscriptionId)).get(subscriptionId));
    }

    /**
     * The display names of these subscriptions, in one query, by the IDs as given; a subscription inventory has not told
     * of (yet) is left out. A poll of findings names its subscriptions once, not once per finding.
     */
    public Map<String, String> namesOf(Collection<String> subscriptionIds) {
        Map<String, String> byKey = new HashMap<>();
        List<String> keys = subscriptionIds.stream()
                .filter(Objects::nonNull)
                .map(SubscriptionNameStore::key)
                .distinct()
                .toList();
        if (!keys.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager()
                    .createNativeQuery("select subscription_id, display_name from subscription_name"
                            + " where subscription_id in (:ids)")
                    .setParameter("ids", keys)
                    .getResultList();
            rows.forEach(row -> byKey.put((String) row[0], (String) row[1]));
        }
        Map<String, String> names = new HashMap<>();
        subscriptionIds.stream().filter(Objects::nonNull).forEach(id -> Optional.ofNullable(byKey.get(key(id)))
                .ifPresent(name -> names.put(id, name)));
        return names;
    }

    private static String key(String subscriptionId) {
        return subscriptionId.toLowerCase(Locale.ROOT);
    }
}
