package io.coverwatch.remediation.lifecycle;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.remediation.RemediationConfig;
import io.coverwatch.remediation.catalog.Obstacle;
import io.coverwatch.remediation.catalog.RemediationCatalog;
import io.coverwatch.remediation.catalog.RemediationPlan;
import io.coverwatch.remediation.catalog.ResourceFacts;
import io.coverwatch.remediation.findings.KnownFindings;
import io.coverwatch.remediation.inventory.InventoryFacts;
import io.coverwatch.remediation.inventory.KnownResources;
import io.coverwatch.remediation.inventory.KnownResources.Known;
import io.coverwatch.remediation.lifecycle.AuditEntry.Kind;
import io.coverwatch.remediation.lifecycle.RemediationJournal.Step;
import io.coverwatch.remediation.safety.Decision;
import io.coverwatch.remediation.safety.SafetyContext;
import io.coverwatch.remediation.safety.SafetyGate;
import io.coverwatch.security.Actor;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A remediation's life from its finding to its verification (DESIGN.md §4): plans a fix when a finding opens, lets the
 * safety gate decide, takes a person's approval or rejection, and stands down when the finding resolves first or the
 * resource is gone. The executor's side is {@link ExecutionWorker}.
 */
@ApplicationScoped
public class RemediationLifecycle {

    /** Statuses in which a remediation is under way: a person's request for another one waits for it to end. */
    private static final List<RemediationStatus> UNDER_WAY = List.of(
            RemediationStatus.AWAITING_APPROVAL,
            RemediationStatus.QUEUED,
            RemediationStatus.EXECUTING,
            RemediationStatus.EXECUTED);

    private final KnownResources resources;
    private final KnownFindings findings;
    private final SafetyHistory history;
    private final RemediationJournal journal;
    private final RemediationConfig config;

    RemediationLifecycle(
            KnownResources resources,
            KnownFindings findings,
            SafetyHistory history,
            RemediationJournal journal,
            RemediationConfig config) {
        this.resources = resources;
        this.findings = findings;
        this.history = history;
        this.journal = journal;
        this.config = config;
    }

    /** A person's request could not be taken as it stands (HTTP 409). */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A person may not do this (HTTP 403). */
    public static final class NotAllowed extends RuntimeException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    /** Nothing by that ID (HTTP 404). */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** Statuses of a plan that still answers its finding: a second finding of the same machine joins one of these. */
    private static final List<RemediationStatus> LIVE = List.of(
            RemediationStatus.DRY_RUN,
            RemediationStatus.MANUAL,
            RemediationStatus.AWAITING_APPROVAL,
            RemediationStatus.QUEUED,
            RemediationStatus.EXECUTING,
            RemediationStatus.EXECUTED);

    /** What an excluded finding's plan may still be: told or waiting, not yet acting. */
    private static final List<RemediationStatus> NOT_YET_ACTING = List.of(
            RemediationStatus.DRY_RUN,
            RemediationStatus.MANUAL,
            RemediationStatus.AWAITING_APPROVAL,
            RemediationStatus.QUEUED);

    /**
     * Manual obstacles that are the machine's state, the same whichever rule found it; the others (missing facts,
     * a judgement) are one rule's advice and stay with their finding.
     */
    private static final List<String> MACHINE_OBSTACLES = List.of(
            Obstacle.UNSUPPORTED_OS.name(),
            Obstacle.NETWORK_BLOCKED.name(),
            Obstacle.MISSING_PERMISSIONS.name(),
            Obstacle.POWERED_OFF.name(),
            Obstacle.DISCONNECTED.name());

    @Transactional(Transactional.TxType.MANDATORY)
    public void findingOpened(Finding finding, Instant now) {
        lockFinding(finding.findingId());
        findings.reported(finding, remediable(finding), now);
        plan(finding, RemediationJournal.COVERWATCH, null, now);
    }

    /**
     * A finding that turns excluded stands its plan down unless the change is already being made (DESIGN.md §4: an
     * excluded finding is never remediated).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void findingChanged(Finding finding, Instant now) {
        lockFinding(finding.findingId());
        findings.reported(finding, remediable(finding), now);
        if (finding.status() != FindingStatus.EXCLUDED) {
            return;
        }
        String reason = "The finding is excluded"
                + (finding.exclusionReason() == null ? "" : " (" + finding.exclusionReason() + ")")
                + ": an excluded finding is never remediated.";
        cancelPending(
                RemediationRecord.list("findingId = ?1 and status in ?2", finding.findingId(), NOT_YET_ACTING),
                reason,
                now);
        replanOthersOn(finding, now);
    }

    /**
     * The finding resolved from fresh inventory: an executed fix is verified; one still waiting stands down.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void findingResolved(Finding finding, Instant now) {
        findings.reported(finding, false, now);
        for (RemediationRecord record : RemediationRecord.<RemediationRecord>list(
                "findingId = ?1 and status in ?2",
                finding.findingId(),
                List.of(RemediationStatus.EXECUTED, RemediationStatus.ESCALATED))) {
            journal.move(
                    record,
                    RemediationStatus.VERIFIED,
                    Step.service(
                            Kind.VERIFIED,
                            "Verified: the finding resolved from fresh inventory "
                                    + Duration.between(record.finishedAt, now).toSeconds()
                                    + " s after the change."),
                    now);
        }
        cancelPending(
                RemediationRecord.list("findingId = ?1 and status in ?2", finding.findingId(), pendingStatuses()),
                "The finding resolved before Coverwatch acted: nothing left to fix.",
                now);
        replanOthersOn(finding, now);
    }

    /**
     * The machine's other open findings may have joined the plan that just stood down: each is planned again, and the
     * first gets a plan of its own (the others join it). One that has its own plan already is a replay and gets none.
     */
    private void replanOthersOn(Finding finding, Instant now) {
        for (Finding other : findings.openOn(finding.resourceId())) {
            if (!other.findingId().equals(finding.findingId())) {
                plan(other, RemediationJournal.COVERWATCH, null, now);
            }
        }
    }

    /**
     * Inventory described a resource. A finding that arrived before inventory's word on its resource got manual steps
     * for lack of facts; it is planned again now that they are known.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resourceDescribed(AzureResource resource, Instant now) {
        resources.upserted(resource, now);
        for (RemediationRecord waiting : RemediationRecord.<RemediationRecord>list(
                "lower(resourceId) = lower(?1) and status = ?2 and action = ?3",
                resource.id(),
                RemediationStatus.MANUAL,
                Obstacle.MISSING_FACTS.name())) {
            Optional<Finding> finding = findings.open(waiting.findingId);
            if (finding.isEmpty()) {
                continue;
            }
            lockFinding(waiting.findingId);
            journal.move(
                    waiting,
                    RemediationStatus.CANCELLED,
                    Step.service(
                            Kind.CANCELLED,
                            "Inventory has described the resource now: the steps given for lack of facts stand down."),
                    now);
            Optional<RemediationRecord> next = plan(finding.get(), RemediationJournal.COVERWATCH, null, now);
            // The trail says what became of the finding, so nobody reads "planned again" where nothing was planned.
            journal.note(waiting, Step.service(Kind.PLANNED, replanned(waiting.findingId, next)), now);
        }
    }

    private static String replanned(String findingId, Optional<RemediationRecord> next) {
        if (next.isEmpty()) {
            return "Planned again: Coverwatch has no remediation for the finding now; follow its own remediation.";
        }
        RemediationRecord record = next.get();
        return record.findingId.equals(findingId)
                ? "Planned again as remediation " + record.remediationId + " (" + record.status + ")."
                : "Planned again: joins remediation " + record.remediationId + " of finding " + record.findingId
                        + ", the same change on the same machine.";
    }

    /** The resource is gone: whatever still waits to change it is cancelled with that reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resourceDeleted(String resourceId, Instant now) {
        resources.deleted(resourceId, now);
        cancelPending(
                RemediationRecord.list("lower(resourceId) = lower(?1) and status in ?2", resourceId, pendingStatuses()),
                "The resource no longer exists: inventory reported it deleted.",
                now);
    }

    /** A person asks again for the remediation of an open finding (after a refusal, a rejection or a dry run). */
    @Transactional
    public RemediationRecord request(String findingId, Actor actor, String comment, Instant now) {
        lockFinding(findingId);
        Finding finding = findings.open(findingId)
                .orElseThrow(() -> new NotFound("No open finding " + findingId + " is known to remediation-service"));
        Optional<RemediationRecord> underWay = RemediationRecord.<RemediationRecord>find(
                        "findingId = ?1 and status in ?2", findingId, UNDER_WAY)
                .firstResultOptional();
        if (underWay.isPresent()) {
            throw new Conflict("Remediation " + underWay.get().remediationId + " of this finding is "
                    + underWay.get().status + "; it must end before another is requested");
        }
        RemediationRecord planned = plan(finding, actor, comment, now)
                .orElseThrow(() -> new Conflict("Coverwatch has no remediation for rule " + finding.ruleId()
                        + ": follow the finding's own remediation"));
        if (!planned.findingId.equals(findingId)) {
            throw new Conflict("Remediation " + planned.remediationId + " of finding " + planned.findingId + " is "
                    + planned.status + " and makes the same change on this machine: one plan per machine");
        }
        return planned;
    }

    @Transactional
    public RemediationRecord approve(String remediationId, Actor actor, String comment, Instant now) {
        RemediationRecord record = awaitingApproval(remediationId, "approve");
        if (actor.subject().equals(record.requestedBy)) {
            throw new NotAllowed(actor.displayName() + " requested remediation " + remediationId
                    + "; someone else must approve it (four eyes)");
        }
        record.approvedBy = actor.subject();
        record.notBefore = now;
        journal.move(record, RemediationStatus.QUEUED, Step.by(Kind.APPROVED, actor, text(comment)), now);
        return record;
    }

    @Transactional
    public RemediationRecord reject(String remediationId, Actor actor, String comment, Instant now) {
        RemediationRecord record = awaitingApproval(remediationId, "reject");
        record.finishedAt = now;
        journal.move(record, RemediationStatus.REJECTED, Step.by(Kind.REJECTED, actor, text(comment)), now);
        return record;
    }

    /**
     * Lets the safety gate decide a plan and moves the remediation where the decision says. The executor calls this
     * again for a queued remediation just before acting, because the switches and the history may have changed.
     *
     * @return whether the remediation may be executed now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean decide(RemediationRecord record, RemediationPlan.Automatic plan, Actor actor, Instant now) {
        // One decision at a time per subscription, across instances and threads: the cap and the rate limit count
        // what other decisions let through, and the cap's stop is announced once.
        lock("subscription:" + record.subscriptionId);
        SafetyContext context = history.contextFor(plan, record, now);
        Decision decision = SafetyGate.decide(plan, context);
        record.dryRun = context.settings().dryRun();
        if (decision instanceof Decision.Execute execute) {
            if (record.status == RemediationStatus.QUEUED) {
                return true;
            }
            record.notBefore = now;
            journal.move(record, RemediationStatus.QUEUED, Step.by(Kind.PLANNED, actor, execute.reason()), now);
            return false;
        }
        if (decision instanceof Decision.Deferred deferred) {
            record.notBefore = deferred.notBefore();
            journal.move(record, RemediationStatus.QUEUED, Step.by(Kind.DEFERRED, actor, deferred.reason()), now);
        } else if (decision instanceof Decision.DryRun dryRun) {
            record.finishedAt = now;
            journal.move(record, RemediationStatus.DRY_RUN, Step.by(Kind.PLANNED, actor, dryRun.reason()), now);
        } else if (decision instanceof Decision.AwaitApproval await) {
            hold(record, await, actor, context, now);
        } else if (decision instanceof Decision.Refused refused) {
            record.finishedAt = now;
            journal.move(record, RemediationStatus.REFUSED, Step.by(Kind.REFUSED, actor, refused.reason()), now);
        } else if (decision instanceof Decision.AlreadyActed acted) {
            record.finishedAt = now;
            journal.move(record, RemediationStatus.CANCELLED, Step.by(Kind.CANCELLED, actor, acted.reason()), now);
        }
        return false;
    }

    private Optional<RemediationRecord> plan(Finding finding, Actor actor, String comment, Instant now) {
        // Findings of one resource travel on different partitions: planning them one at a time lets the second see the
        // first's plan. Taken after the finding's own lock, never before one, so no two planners wait on each other.
        lock("resource:" + finding.resourceId().toLowerCase(Locale.ROOT));
        Optional<Known> known = resources.find(finding.resourceId());
        RemediationPlan plan = RemediationCatalog.planFor(finding, facts(finding, known));
        if (plan instanceof RemediationPlan.NoRemediation || replayed(finding, plan, actor)) {
            return Optional.empty();
        }
        Optional<RemediationRecord> sameChange = liveOnSameMachine(finding, plan);
        if (sameChange.isPresent()) {
            if (actor.equals(RemediationJournal.COVERWATCH)) {
                journal.note(
                        sameChange.get(),
                        Step.service(
                                Kind.JOINED,
                                "Also answers finding " + finding.findingId() + " (" + finding.ruleId() + ") of the"
                                        + " same machine: one plan per machine per episode."),
                        now);
            }
            return sameChange;
        }
        RemediationRecord record = newRecord(finding, actor, now);
        if (plan instanceof RemediationPlan.ManualSteps manual) {
            record.planKind = RemediationRecord.PlanKind.MANUAL;
            record.action = manual.obstacle().name();
            record.steps = manual.steps();
        } else {
            RemediationPlan.Automatic automatic = (RemediationPlan.Automatic) plan;
            record.planKind = RemediationRecord.PlanKind.AUTOMATIC;
            record.action = automatic.action().name();
            record.subscriptionId = automatic.target().subscriptionId();
            record.plan = PlanJson.write(automatic);
            record.idempotencyKey = automatic.idempotencyKey();
            record.request = automatic.request().describe();
        }
        if (known.orElse(null) instanceof Known.Deleted deleted) {
            record.finishedAt = now;
            journal.move(
                    record,
                    RemediationStatus.CANCELLED,
                    Step.by(
                            Kind.CANCELLED,
                            actor,
                            "The resource no longer exists: inventory reported it deleted at " + deleted.at() + "."),
                    now);
        } else if (plan instanceof RemediationPlan.ManualSteps manual) {
            String requested =
                    comment == null || comment.isBlank() ? "" : " Requested by " + actor.displayName() + ": " + comment;
            record.finishedAt = now;
            journal.move(
                    record,
                    RemediationStatus.MANUAL,
                    Step.by(
                            Kind.PLANNED,
                            actor,
                            "A person must act: " + manual.reason() + ". " + String.join(" ", manual.steps())
                                    + requested),
                    now);
        } else {
            decide(record, (RemediationPlan.Automatic) plan, actor, now);
        }
        return Optional.of(record);
    }

    /**
     * Whether the service already planned this finding episode: a replayed event plans nothing more. A person asking
     * again is no replay.
     */
    private static boolean replayed(Finding finding, RemediationPlan plan, Actor actor) {
        if (!actor.equals(RemediationJournal.COVERWATCH)) {
            return false;
        }
        if (plan instanceof RemediationPlan.Automatic automatic) {
            return RemediationRecord.count("idempotencyKey", automatic.idempotencyKey()) > 0;
        }
        RemediationPlan.ManualSteps manual = (RemediationPlan.ManualSteps) plan;
        return RemediationRecord.count(
                        "findingId = ?1 and status = ?2 and action = ?3",
                        finding.findingId(),
                        RemediationStatus.MANUAL,
                        manual.obstacle().name())
                > 0;
    }

    /**
     * The live plan another open finding of the same machine already holds for the same change: the same request, or
     * the same obstacle of the machine's state. The plan's life is the machine's episode: each finding has its own
     * first-seen time, so a key made from one finding's episode could not be shared by the next.
     */
    private Optional<RemediationRecord> liveOnSameMachine(Finding finding, RemediationPlan plan) {
        boolean machineChange = plan instanceof RemediationPlan.Automatic automatic
                ? automatic.target().resourceId().equalsIgnoreCase(finding.resourceId())
                : MACHINE_OBSTACLES.contains(
                        ((RemediationPlan.ManualSteps) plan).obstacle().name());
        if (!machineChange) {
            return Optional.empty();
        }
        String action = plan instanceof RemediationPlan.Automatic automatic
                ? automatic.action().name()
                : ((RemediationPlan.ManualSteps) plan).obstacle().name();
        String request = plan instanceof RemediationPlan.Automatic automatic
                ? automatic.request().describe()
                : null;
        return RemediationRecord.<RemediationRecord>list(
                        "lower(resourceId) = lower(?1) and action = ?2 and status in ?3 and findingId <> ?4"
                                + " order by createdAt",
                        finding.resourceId(),
                        action,
                        LIVE,
                        finding.findingId())
                .stream()
                .filter(live -> request == null || request.equals(live.request))
                .filter(live -> findings.open(live.findingId).isPresent())
                .findFirst();
    }

    /** Whether a person may ask for the finding's remediation: it is open, and not excluded. */
    private static boolean remediable(Finding finding) {
        return finding.status() == FindingStatus.OPEN;
    }

    private ResourceFacts facts(Finding finding, Optional<Known> known) {
        String rule = config.dataCollectionRuleId().orElse(null);
        return known.filter(Known.Present.class::isInstance)
                .map(present -> InventoryFacts.of(((Known.Present) present).resource(), rule))
                .orElseGet(() -> InventoryFacts.unknown(finding.resourceId(), finding.resourceTags(), rule));
    }

    /** Held for approval; the first remediation of a subscription held by the cap in a window announces the stop. */
    private void hold(
            RemediationRecord record, Decision.AwaitApproval await, Actor actor, SafetyContext context, Instant now) {
        record.heldByCap = await.blastRadiusCap();
        if (await.blastRadiusCap()
                && RemediationRecord.count(
                                "subscriptionId = ?1 and heldByCap = true and updatedAt > ?2 and remediationId <> ?3",
                                record.subscriptionId,
                                now.minus(context.settings().blastRadiusWindow()),
                                record.remediationId)
                        == 0) {
            journal.escalate(
                    record,
                    "Blast-radius cap reached in subscription " + record.subscriptionId + ": "
                            + context.settings().blastRadiusCap() + " changes within "
                            + context.settings().blastRadiusWindow().toMinutes()
                            + " minutes. Coverwatch stopped changing it; every further remediation there waits for"
                            + " approval.",
                    now);
        }
        journal.move(
                record,
                RemediationStatus.AWAITING_APPROVAL,
                Step.by(Kind.HELD, actor, await.reason() + " Approving sends: " + record.request),
                now);
    }

    private RemediationRecord newRecord(Finding finding, Actor actor, Instant now) {
        RemediationRecord record = new RemediationRecord();
        record.remediationId = UUID.randomUUID().toString();
        record.findingId = finding.findingId();
        record.ruleId = finding.ruleId();
        record.resourceId = finding.resourceId();
        record.subscriptionId = finding.subscriptionId() == null
                ? null
                : finding.subscriptionId().toLowerCase(Locale.ROOT);
        record.requestedBy = actor.subject();
        return record;
    }

    private RemediationRecord awaitingApproval(String remediationId, String verb) {
        RemediationRecord record = RemediationRecord.<RemediationRecord>findByIdOptional(
                        remediationId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFound("No remediation " + remediationId));
        if (record.status != RemediationStatus.AWAITING_APPROVAL) {
            throw new Conflict("Remediation " + remediationId + " is " + record.status
                    + ", not waiting for approval: there is nothing to " + verb);
        }
        return record;
    }

    private void cancelPending(List<RemediationRecord> records, String reason, Instant now) {
        for (RemediationRecord record : records) {
            record.finishedAt = now;
            journal.move(record, RemediationStatus.CANCELLED, Step.service(Kind.CANCELLED, reason), now);
        }
    }

    private static List<RemediationStatus> pendingStatuses() {
        return List.copyOf(RemediationStatus.PENDING);
    }

    /** Serialises planning for one finding across instances and requests. */
    private static void lockFinding(String findingId) {
        lock("finding:" + findingId);
    }

    /** A transaction-scoped PostgreSQL advisory lock on a name. */
    private static void lock(String name) {
        Panache.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtext(:name))")
                .setParameter("name", name)
                .getSingleResult();
    }

    private static String text(String comment) {
        return comment == null || comment.isBlank() ? "(no comment)" : comment;
    }
}
