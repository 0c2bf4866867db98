package io.coverwatch.evaluation.exemption;

import io.coverwatch.evaluation.rules.exclusion.Exemption;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** User exemptions, kept after they lapse so the record of who exempted what stays visible. */
@ApplicationScoped
public class ExemptionStore {

    /** An exemption with its identity and when it was made. */
    public record StoredExemption(UUID id, Exemption exemption, Instant createdAt) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public StoredExemption add(Exemption exemption, Instant now) {
        ExemptionRecord record = new ExemptionRecord();
        record.id = UUID.randomUUID();
        record.scope = exemption.scope();
        record.ruleId = exemption.ruleId();
        record.reason = exemption.reason();
        record.expiresAt = exemption.expiry();
        record.createdBy = exemption.createdBy();
        record.createdAt = now;
        record.persist();
        return stored(record);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredExemption> remove(UUID id) {
        Optional<ExemptionRecord> record = ExemptionRecord.findByIdOptional(id);
        record.ifPresent(ExemptionRecord::delete);
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
        return ExemptionRecord.<ExemptionRecord>list("expiresAt > ?1", now).stream()
                .map(record -> stored(record).exemption())
                .toList();
    }

    /** The exemptions that lapsed in {@code (after, upTo]}: their resources must be evaluated again. */
    public List<Exemption> lapsed(Instant after, Instant upTo) {
        return ExemptionRecord.<ExemptionRecord>list("expiresAt > ?1 and expiresAt <= ?2", after, upTo).stream()
                .map(record -> stored(record).exemption())
                .toList();
    }

    private static StoredExemption stored(ExemptionRecord record) {
        return new StoredExemption(
                record.id,
                new Exemption(record.scope, record.ruleId, record.reason, record.expiresAt, record.createdBy),
                record.createdAt);
    }
}
