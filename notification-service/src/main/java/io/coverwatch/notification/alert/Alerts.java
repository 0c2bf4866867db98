package io.coverwatch.notification.alert;

import io.coverwatch.contracts.Finding;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The alerts derived from findings: what the SOC channels are told about. */
@ApplicationScoped
public class Alerts {

    @Transactional(Transactional.TxType.MANDATORY)
    public void fire(Finding finding, String eventId, Instant at) {
        AlertRecord alert =
                AlertRecord.<AlertRecord>findByIdOptional(finding.findingId()).orElseGet(AlertRecord::new);
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

    /** Resolves the finding's alert; false when it was not firing (nothing to tell anyone). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean resolve(Finding finding, String eventId, Instant at) {
        Optional<AlertRecord> firing = AlertRecord.<AlertRecord>findByIdOptional(finding.findingId())
                .filter(alert -> alert.state == AlertState.FIRING);
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
