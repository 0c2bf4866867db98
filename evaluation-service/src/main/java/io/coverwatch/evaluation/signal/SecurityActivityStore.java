package io.coverwatch.evaluation.signal;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.evaluation.rules.SecurityActivity;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The last Defender alert and the last security event per machine; an older or repeated signal changes nothing. */
@ApplicationScoped
public class SecurityActivityStore {

    /**
     * Records a signal. True when it starts a new run of its kind (none before, or none within {@code window}): only
     * then can the cross-signal verdicts change, so a steady stream of events does not re-evaluate the machine.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(SecuritySignal signal, Duration window) {
        String column =
                switch (signal.kind()) {
                    case DEFENDER_ALERT -> "last_defender_alert";
                    case SECURITY_EVENT -> "last_security_event";
                };
        List<?> previous = Panache.getEntityManager()
                .createNativeQuery("with previous as (select " + column + " as at from security_activity"
                        + " where resource_key = :key)"
                        + " insert into security_activity as s (resource_key, " + column + ") values (:key, :at)"
                        + " on conflict (resource_key) do update set " + column + " = greatest(s." + column
                        + ", excluded." + column + ")"
                        + " returning (select at from previous)")
                .setParameter("key", AzureResource.normalizeId(signal.resourceId()))
                .setParameter("at", Timestamp.from(signal.observedAt()))
                .getResultList();
        Instant before = previous.isEmpty() ? null : instant(previous.get(0));
        return before == null || before.isBefore(signal.observedAt().minus(window));
    }

    /** The last signals of these machines, by key; a machine without any has none. */
    public Map<String, SecurityActivity> find(Collection<String> resourceKeys) {
        Map<String, SecurityActivity> found = new HashMap<>();
        if (resourceKeys.isEmpty()) {
            return found;
        }
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("select resource_key, last_defender_alert, last_security_event"
                        + " from security_activity where resource_key in (:keys)")
                .setParameter("keys", resourceKeys)
                .getResultList();
        rows.stream()
                .map(Object[].class::cast)
                .forEach(row -> found.put((String) row[0], new SecurityActivity(instant(row[1]), instant(row[2]))));
        return found;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Collection<String> resourceKeys) {
        if (!resourceKeys.isEmpty()) {
            Panache.getEntityManager()
                    .createNativeQuery("delete from security_activity where resource_key in (:keys)")
                    .setParameter("keys", resourceKeys)
                    .executeUpdate();
        }
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
