package io.coverwatch.notification.audit;

import io.coverwatch.security.Actor;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Who changed what through the API, written in the transaction of the change itself. */
@ApplicationScoped
public class AuditTrail {

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor by, AuditAction action, String target, Instant at) {
        AuditEntry entry = new AuditEntry();
        entry.at = at;
        entry.subject = by.subject();
        entry.name = by.name();
        entry.action = action;
        entry.target = target;
        entry.persist();
    }

    /** The newest first. */
    public List<AuditEntry> page(int page, int size) {
        return AuditEntry.<AuditEntry>findAll(Sort.descending("at", "id"))
                .page(page, size)
                .list();
    }
}
