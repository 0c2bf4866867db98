package io.coverwatch.notification.alert;

import io.coverwatch.contracts.Finding;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alerts derived from findings: what the SOC channels are told about. */
@ApplicationScoped
public class Alerts {

    /**
     * The alerts of these findings that exist, in one query, for {@link #fire} and {@link #resolve} to change: a poll's
     * burst of findings (a thousand agents silenced by one outage) then reads its alerts once, not one round trip per
     * finding to learn that most are new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, AlertRecord> load(Collection<String> findingIds) {
        Map<String, AlertRecord> loaded = new HashMap<>();
        if (!findingIds.isEmpty()) {
            AlertRecord.<AlertRecord>list("findingId in ?1", findingIds)
                    .forEach(alert -> loaded.put(alert.findingId, alert));
        }
        return loaded;
    }

    /**
     * Fires the finding's alert, creating it if {@code loaded} (from {@link #load}, in this transaction) has none; a
     * created alert joins {@code loaded}, so a later event of the same poll changes it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fire(Map<String, AlertRecord> loaded, Finding finding, String eventId, Instant at) {
        AlertRecord alert = loaded.computeIfAbsent(finding.findingId(), id -> new AlertRecord());
        alert.findingId = finding.findingId();
        alert.ruleId = finding.ruleId();
        alert.title = finding.title();
        alert.severity = finding.severity();
        alert.resourceId = finding.resourceId();
        alert.subscriptionId = finding.subscriptionId();
        alert.resourceType = finding.resourceType();
        alert.diagnosis = finding.diagnosis();
        alert.remediation = finding.remediation();
        if (alert.state != AlertState.FIRING) {
            alert.state = AlertState.FIRING;
            alert.startsAt = at;
            alert.endsAt = null;
        }
        alert.lastEventId = eventId;
        alert.persist();
    }

    /**
     * Resolves the finding's alert, one of {@code loaded} (from {@link #load}, in this transaction); false when it was
     * not firing (nothing to tell anyone).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean resolve(Map<String, AlertRecord> loaded, Finding finding, String eventId, Instant at) {
        Optional<AlertRecord> firing =
                Optional.ofNullable(loaded.get(finding.findingId())).filter(alert -> alert.state == AlertState.FIRING);
        firing.ifPresent(alert -> {
            alert.state = AlertState.RESOLVED;
            alert.endsAt = at;
            alert.lastEventId = eventId;
        });
        return firing.isPresent();
    }

    public Optional<AlertRecord> find(String findingId) {
        return AlertRecord.findByIdOptional(findingId);
    }

    public List<AlertRecord> list(AlertState state, int page, int size) {
        Sort newestFirst = Sort.descending("startsAt").and("findingId");
        return (state == null
                        ? AlertRecord.<AlertRecord>findAll(newestFirst)
                        : AlertRecord.<AlertRecord>find("state", newestFirst, state))
                .page(page, size)
                .list();
    }
}
