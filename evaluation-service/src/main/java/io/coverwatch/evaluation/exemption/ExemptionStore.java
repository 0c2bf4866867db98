package io.coverwatch.evaluation.exemption;

import io.coverwatch.evaluation.rules.exclusion.Exemption;
import io.coverwatch.security.Actor;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** User exemptions, kept after they lapse or are withdrawn, so the record of who exempted what stays visible. */
@ApplicationScoped
public class ExemptionStore {

    /**
     * An exemption with its identity, when it was made, and its withdrawal.
     *
     * @param withdrawnAt null while it stands
     * @param withdrawnBy who withdrew it; null while it stands
     */
    public record StoredExemption(
            UUID id, Exemption exemption, Instant createdAt, Instant withdrawnAt, Actor withdrawnBy) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public StoredExemption add(Exemption exemption, Instant now) {
        ExemptionRecord record = new ExemptionRecord();
        record.id = UUID.randomUUID();
        record.scope = exemption.scope();
        record.ruleId = exemption.ruleId();
        record.reason = exemption.reason();
        record.expiresAt = exemption.expiry();
        record.createdBy = exemption.createdBy().subject();
        record.createdByName = exemption.createdBy().name();
        record.createdAt = now;
        record.persist();
        return stored(record);
    }

    /** Withdraws an exemption that stands; empty when there is none of this ID, or it was withdrawn already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredExemption> withdraw(UUID id, Actor by, Instant now) {
        Optional<ExemptionRecord> record =
                ExemptionRecord.<ExemptionRecord>findByIdOptional(id).filter(found -> found.withdrawnAt == null);
        record.ifPresent(found -> {
            found.withdrawnAt = now;
            found.withdrawnBy = by.subject();
            found.withdrawnByName = by.name();
        });
        return record.map(ExemptionStore::stored);
    }

    public Optional<StoredExemption> find(UUID id) {
        return ExemptionRecord.<ExemptionRecord>findByIdOptional(id).map(ExemptionStore::stored);
    }

    public List<StoredExemption> list(int page, int size) {
        return ExemptionRecord.<ExemptionRecord>findAll(
                        Sort.descending("createdAt").and("id"))
                .page(page, size)
                .list()
                .stream()
                .map(ExemptionStore::stored)
                .toList();
    }

    /** The exemptions in force at {@code now}. */
    public List<Exemption> active(Instant now) {
        return ExemptionRecord.<ExemptionRecord>list("expiresAt > ?1 and withdrawnAt is null", now).stream()
                .map(record -> stored(record).exemption())
                .toList();
    }

    /** The exemptions that lapsed in {@code (after, upTo]}: their resources must be evaluated again. */
    public List<Exemption> lapsed(Instant after, Instant upTo) {
        return ExemptionRecord.<ExemptionRecord>list(
                        "expiresAt > ?1 and expiresAt <= ?2 and withdrawnAt is null", after, upTo)
                .stream()
                .map(record -> stored(record).exemption())
                .toList();
    }

    /**
     * How far lapses have been looked at, its row locked until the caller's transaction ends; empty while another
     * instance holds it (that instance is looking at the same lapses).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> claimLapsesLookedUpTo() {
        List<?> rows = ExemptionRecord.getEntityManager()
                .createNativeQuery("select looked_up_to from exemption_lapse_progress for update skip locked")
                .getResultList();
        return rows.stream().findFirst().map(ExemptionStore::instant);
    }

    /** Moves the mark of {@link #claimLapsesLookedUpTo()} to {@code upTo}, in the transaction that claimed it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lapsesLookedUpTo(Instant upTo) {
        ExemptionRecord.getEntityManager()
                .createNativeQuery("update exemption_lapse_progress set looked_up_to = :upTo")
                .setParameter("upTo", upTo)
                .executeUpdate();
    }

    private static Instant instant(Object column) {
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) column;
    }

    private static StoredExemption stored(ExemptionRecord record) {
        return new StoredExemption(
                record.id,
                new Exemption(
                        record.scope,
                        record.ruleId,
                        record.reason,
                        record.expiresAt,
                        actor(record.createdBy, record.createdByName)),
                record.createdAt,
                record.withdrawnAt,
                actor(record.withdrawnBy, record.withdrawnByName));
    }

    private static Actor actor(String subject, String name) {
        return subject == null ? null : new Actor(subject, name);
    }
}
