package io.coverwatch.remediation.lifecycle;

import io.coverwatch.remediation.RemediationConfig;
import io.coverwatch.remediation.catalog.RemediationPlan;
import io.coverwatch.remediation.execution.ExecutionOutcome;
import io.coverwatch.remediation.execution.RemediationExecutor;
import io.coverwatch.remediation.findings.KnownFindings;
import io.coverwatch.remediation.lifecycle.AuditEntry.Kind;
import io.coverwatch.remediation.lifecycle.RemediationJournal.Step;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Carries queued remediations out, one at a time per instance: claims one (SKIP LOCKED, so instances share the
 * queue), lets the safety gate decide once more with the history as it is now, marks it executing, calls the executor
 * outside any transaction, and records the outcome. It also escalates executed fixes whose finding did not resolve in
 * time.
 */
@ApplicationScoped
public class ExecutionWorker {

    private static final Logger LOG = Logger.getLogger(ExecutionWorker.class);

    /** At most this many remediations per round, so a storm does not hold the scheduler thread for long. */
    private static final int PER_ROUND = 50;

    /** What claiming the next due remediation came to. */
    private sealed interface Turn {
        /** Execute this plan for this remediation. */
        record Execute(String remediationId, RemediationPlan.Automatic plan) implements Turn {}

        /** The gate moved the remediation elsewhere (deferred, held, refused): look at the next one. */
        record Decided() implements Turn {}

        /** Nothing is due. */
        record Idle() implements Turn {}
    }

    private final RemediationExecutor executor;
    private final RemediationLifecycle lifecycle;
    private final RemediationJournal journal;
    private final KnownFindings findings;
    private final RemediationConfig.Execution config;

    ExecutionWorker(
            RemediationExecutor executor,
            RemediationLifecycle lifecycle,
            RemediationJournal journal,
            KnownFindings findings,
            RemediationConfig config) {
        this.executor = executor;
        this.lifecycle = lifecycle;
        this.journal = journal;
        this.findings = findings;
        this.config = config.execution();
    }

    @Scheduled(
            every = "${coverwatch.remediation.execution.poll-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            runDue();
            QuarkusTransaction.requiringNew().run(() -> sweep(Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("Remediation round failed, it is tried again in the next round: %s", e.getMessage());
        }
    }

    /** Executes what is due now. */
    void runDue() {
        for (int i = 0; i < PER_ROUND; i++) {
            Turn turn = QuarkusTransaction.requiringNew().call(() -> claimNext(Instant.now()));
            if (turn instanceof Turn.Idle) {
                return;
            }
            if (turn instanceof Turn.Execute execute) {
                ExecutionOutcome outcome = attempt(execute.plan());
                QuarkusTransaction.requiringNew().run(() -> record(execute.remediationId(), outcome, Instant.now()));
            }
        }
    }

    private ExecutionOutcome attempt(RemediationPlan.Automatic plan) {
        try {
            return executor.execute(plan);
        } catch (RuntimeException e) {
            return new ExecutionOutcome.Failed("The executor failed unexpectedly: " + e, true);
        }
    }

    private Turn claimNext(Instant now) {
        @SuppressWarnings("unchecked")
        List<String> due = Panache.getEntityManager()
                .createNativeQuery("select remediation_id from remediation where status = 'QUEUED'"
                        + " and (not_before is null or not_before <= :now) order by not_before, created_at"
                        + " limit 1 for update skip locked")
                .setParameter("now", now)
                .getResultList();
        if (due.isEmpty()) {
            return new Turn.Idle();
        }
        RemediationRecord record = RemediationRecord.findById(due.get(0));
        RemediationPlan.Automatic plan = PlanJson.read(record.plan);
        if (!lifecycle.decide(record, plan, RemediationJournal.COVERWATCH, now)) {
            return new Turn.Decided();
        }
        record.executedAt = now;
        record.attempts++;
        journal.move(
                record,
                RemediationStatus.EXECUTING,
                Step.service(Kind.EXECUTING, "Sending the change, attempt " + record.attempts + "."),
                now);
        return new Turn.Execute(record.remediationId, plan);
    }

    private void record(String remediationId, ExecutionOutcome outcome, Instant now) {
        RemediationRecord record = RemediationRecord.findById(remediationId);
        record.finishedAt = now;
        if (outcome instanceof ExecutionOutcome.Succeeded) {
            record.verifyBy = now.plus(config.verificationTimeout());
            journal.move(
                    record,
                    RemediationStatus.EXECUTED,
                    new Step(
                            Kind.EXECUTED,
                            RemediationJournal.COVERWATCH,
                            "Changed; waiting up to "
                                    + config.verificationTimeout().toMinutes()
                                    + " min for the finding to resolve from fresh inventory.",
                            outcome.detail()),
                    now);
            if (findings.open(record.findingId).isEmpty()) {
                journal.move(
                        record,
                        RemediationStatus.VERIFIED,
                        Step.service(
                                Kind.VERIFIED,
                                "Verified: the finding had already resolved when the change" + " was confirmed."),
                        now);
            }
            return;
        }
        boolean transientFailure = ((ExecutionOutcome.Failed) outcome).transientFailure();
        if (transientFailure && record.attempts < config.maxAttempts()) {
            Duration wait = config.retryBackoff().multipliedBy(1L << (record.attempts - 1));
            record.notBefore = now.plus(wait);
            record.finishedAt = null;
            journal.move(
                    record,
                    RemediationStatus.QUEUED,
                    new Step(
                            Kind.RETRY,
                            RemediationJournal.COVERWATCH,
                            "Attempt " + record.attempts + " failed for a reason that may pass; trying again at "
                                    + record.notBefore + ".",
                            outcome.detail()),
                    now);
            return;
        }
        journal.move(
                record,
                RemediationStatus.FAILED,
                new Step(
                        Kind.FAILED,
                        RemediationJournal.COVERWATCH,
                        "The change failed after " + record.attempts + " attempt(s): " + outcome.detail(),
                        outcome.detail()),
                now);
    }

    /** Escalates fixes not verified in time, and queues again the claims of an instance that stopped mid-way. */
    void sweep(Instant now) {
        for (RemediationRecord record : RemediationRecord.<RemediationRecord>list(
                "status = ?1 and verifyBy < ?2", RemediationStatus.EXECUTED, now)) {
            journal.move(
                    record,
                    RemediationStatus.ESCALATED,
                    Step.service(
                            Kind.ESCALATED,
                            "The change was made at " + record.finishedAt + " but the finding did not resolve within "
                                    + config.verificationTimeout().toMinutes()
                                    + " min: a person must look at the machine."),
                    now);
        }
        for (RemediationRecord record : RemediationRecord.<RemediationRecord>list(
                "status = ?1 and executedAt < ?2", RemediationStatus.EXECUTING, now.minus(config.claimTimeout()))) {
            record.notBefore = now;
            journal.move(
                    record,
                    RemediationStatus.QUEUED,
                    Step.service(
                            Kind.RETRY,
                            "The executor did not report back within "
                                    + config.claimTimeout().toMinutes()
                                    + " min (its instance stopped?); the change is sent again."),
                    now);
        }
    }
}
