package io.coverwatch.remediation.lifecycle;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.Remediation;
import io.coverwatch.contracts.RemediationApproved;
import io.coverwatch.contracts.RemediationAwaitingApproval;
import io.coverwatch.contracts.RemediationCancelled;
import io.coverwatch.contracts.RemediationEscalated;
import io.coverwatch.contracts.RemediationEvent;
import io.coverwatch.contracts.RemediationExecuted;
import io.coverwatch.contracts.RemediationFailed;
import io.coverwatch.contracts.RemediationPlanned;
import io.coverwatch.contracts.RemediationRefused;
import io.coverwatch.contracts.RemediationRejected;
import io.coverwatch.contracts.RemediationVerified;
import io.coverwatch.outbox.Outbox;
import io.coverwatch.remediation.RemediationConfig;
import io.coverwatch.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Every change of a remediation's status goes through here, in the caller's transaction: the row changes, a line is
 * appended to the audit trail, and the event for the new status is written to the outbox, so all three commit or none.
 */
@ApplicationScoped
public class RemediationJournal {

    /** The actor the audit trail names when the service acts by itself. */
    public static final Actor COVERWATCH = new Actor("coverwatch", "Coverwatch");

    private final Outbox outbox;
    private final RemediationConfig config;

    RemediationJournal(Outbox outbox, RemediationConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** What a step did, for the audit line. */
    public record Step(AuditEntry.Kind kind, Actor actor, String reason, String result) {
        public static Step by(AuditEntry.Kind kind, Actor actor, String reason) {
            return new Step(kind, actor, reason, null);
        }

        public static Step service(AuditEntry.Kind kind, String reason) {
            return new Step(kind, COVERWATCH, reason, null);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void move(RemediationRecord record, RemediationStatus to, Step step, Instant now) {
        RemediationStatus from = record.status;
        record.status = to;
        record.reason = step.reason();
        if (step.result() != null) {
            record.result = step.result();
        }
        record.updatedAt = now;
        if (record.createdAt == null) {
            record.createdAt = now;
            record.persist();
        }
        AuditEntry entry = new AuditEntry();
        entry.remediationId = record.remediationId;
        entry.at = now;
        entry.actor = step.actor().subject();
        entry.actorName = step.actor().name();
        entry.entry = step.kind();
        entry.statusBefore = from;
        entry.statusAfter = to;
        entry.reason = step.reason();
        entry.request = record.request;
        entry.result = step.result();
        entry.persist();
        event(record, from, step).ifPresent(event -> publish(event, now));
    }

    /** An audit line that changes nothing and tells no one: a second finding joined the plan. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void note(RemediationRecord record, Step step, Instant now) {
        AuditEntry entry = new AuditEntry();
        entry.remediationId = record.remediationId;
        entry.at = now;
        entry.actor = step.actor().subject();
        entry.actorName = step.actor().name();
        entry.entry = step.kind();
        entry.statusBefore = record.status;
        entry.statusAfter = record.status;
        entry.reason = step.reason();
        entry.request = record.request;
        entry.persist();
    }

    /** An announcement that is not a status change: the blast-radius cap stopped a subscription's changes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void escalate(RemediationRecord record, String reason, Instant now) {
        publish(new RemediationEscalated(contract(record), reason), now);
    }

    private void publish(RemediationEvent event, Instant now) {
        outbox.enqueue(new CloudEvent<>(UUID.randomUUID().toString(), config.eventSource(), now, event));
    }

    /**
     * The event each status is told with. The executor's claim ({@code EXECUTING}) is internal, and so is a queued
     * remediation's wait for the rate limit: they tell nothing.
     */
    private static Optional<RemediationEvent> event(RemediationRecord record, RemediationStatus from, Step step) {
        Remediation remediation = contract(record);
        String reason = step.reason();
        return Optional.ofNullable(
                switch (record.status) {
                    case DRY_RUN, MANUAL -> new RemediationPlanned(remediation, reason);
                    case QUEUED -> {
                        if (step.kind() == AuditEntry.Kind.APPROVED) {
                            yield new RemediationApproved(
                                    remediation, step.actor().displayName(), reason);
                        }
                        yield from == RemediationStatus.QUEUED ? null : new RemediationPlanned(remediation, reason);
                    }
                    case AWAITING_APPROVAL -> new RemediationAwaitingApproval(remediation, reason);
                    case EXECUTING -> null;
                    case EXECUTED -> new RemediationExecuted(remediation, step.result());
                    case VERIFIED -> new RemediationVerified(remediation);
                    case FAILED -> new RemediationFailed(remediation, reason);
                    case ESCALATED -> new RemediationEscalated(remediation, reason);
                    case REJECTED ->
                        new RemediationRejected(remediation, step.actor().displayName(), reason);
                    case REFUSED -> new RemediationRefused(remediation, reason);
                    case CANCELLED -> new RemediationCancelled(remediation, reason);
                });
    }

    static Remediation contract(RemediationRecord record) {
        return new Remediation(
                record.remediationId,
                record.findingId,
                record.ruleId,
                record.action,
                record.resourceId,
                record.subscriptionId,
                record.dryRun);
    }
}
