package io.coverwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Onboarding (issue 17: a tenant of 100,000 resources in 100 subscriptions, every resource evaluated and {@code GET
 * /api/coverage} complete within 60 s of {@code POST /api/sync}). inventory-service reads the tenant from a fake Azure
 * Resource Manager ({@link FakeArm}) through its real Azure SDK clients, signed in as a managed identity, in Resource
 * Graph pages of 1,000; it stores every resource and publishes it on the resources topic, and evaluation-service
 * evaluates each and counts it in its coverage. Each stage is timed from the POST: Resource Manager's last answer,
 * inventory's sync finished with every resource stored, every resource on the topic, and coverage counting every
 * resource with the covered ones the tenant's Defender plans make. The run fails when coverage is not complete and
 * right by the deadline, and says how far each stage got.
 *
 * <p>Two tenants are onboarded, one after the other, into the same services: the first ({@code cold.}) into services
 * started a minute before, as after a deployment, whose JIT compilers work through the burst; the second ({@code
 * warm.}), with subscriptions of its own, into the services the first warmed, as a tenant arriving at a running
 * Coverwatch. Resource Manager lists only the tenant being onboarded, so the second sync reads the second tenant alone,
 * and the first tenant's resources stay where they are. The profile, when asked for, is the first's.
 */
final class OnboardBench {

    private static final int SUBSCRIPTIONS = 100;
    /** The tenants onboarded, one after the other: their subscriptions' indexes in the bench's {@link Tenant}. */
    private static final List<Phase> PHASES =
            List.of(new Phase("cold.", 0, SUBSCRIPTIONS), new Phase("warm.", SUBSCRIPTIONS, 2 * SUBSCRIPTIONS));

    private static final Duration GOAL = Duration.ofSeconds(60);
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnboardBench() {}

    /** One tenant onboarded: the subscriptions {@code from} to {@code to} (exclusive) of the bench's tenant. */
    private record Phase(String prefix, int from, int to) {

        int subscriptions() {
            return to - from;
        }

        /** Subscriptions not counted: coverage does not count them either. */
        int resources() {
            return subscriptions() * Tenant.RESOURCES_PER_SUBSCRIPTION;
        }

        long covered(Tenant tenant) {
            long covered = 0;
            for (int subscription = from; subscription < to; subscription++) {
                covered += tenant.covered(subscription);
            }
            return covered;
        }

        boolean holds(int subscription) {
            return subscription >= from && subscription < to;
        }
    }

    static void run(Bench.Workspace workspace) throws Exception {
        Tenant tenant = new Tenant(PHASES.get(PHASES.size() - 1).to());
        Phase first = PHASES.get(0);
        try (FakeArm arm = FakeArm.serve(tenant, first.from(), first.to())) {
            // The broker and the database alone: inventory needs the fake's managed identity in its environment.
            LocalStack stack = LocalStack.start(
                    workspace.repositoryRoot(),
                    workspace.resultsDir().resolve("onboard-" + UUID.randomUUID()),
                    false,
                    EnumSet.noneOf(CoverwatchService.class),
                    Map.of());
            Rest.signIn(stack);
            try {
                Map<String, String> inventoryConfig = new HashMap<>(arm.inventoryConfig());
                inventoryConfig.put("coverwatch.inventory.demo.enabled", "false");
                // The sync runs when the bench asks for it, not on schedule.
                inventoryConfig.put("coverwatch.inventory.azure.first-sync-delay", "1h");
                inventoryConfig.put("coverwatch.inventory.azure.full-sync-interval", "1h");
                URI inventory = stack.startAnother(CoverwatchService.INVENTORY, inventoryConfig, arm.managedIdentity());
                // After inventory, which creates the compacted resources topic (see ChangeBench).
                URI evaluation = stack.startAnother(CoverwatchService.EVALUATION, Map.of());
                Report report = new Report(
                        "onboard", "onboard (POST /api/sync → ARM paging → inventory → resources topic → coverage)");
                report.put("subscriptions", SUBSCRIPTIONS);
                report.put("resources", first.resources());
                report.put("inventoryHeapMaxMB", CoverwatchService.INVENTORY.maxHeapMegabytes());
                report.put("resourceGraphPageSize", FakeArm.MAX_PAGE);
                report.put("goalSeconds", GOAL.toSeconds());
                List<String> incomplete = new ArrayList<>();
                int onTopicBefore = 0;
                for (Phase phase : PHASES) {
                    arm.list(phase.from(), phase.to());
                    try (ResourceWatch topic = new ResourceWatch(
                            stack.infra().kafka().bootstrapServers(), onTopicBefore + phase.resources())) {
                        onboard(workspace, stack, tenant, phase, arm, topic, inventory, evaluation, report)
                                .ifPresent(incomplete::add);
                    }
                    onTopicBefore += phase.resources();
                }
                report.write(workspace.resultsDir());
                if (!incomplete.isEmpty()) {
                    throw new IllegalStateException(String.join("; ", incomplete));
                }
            } finally {
                stack.close();
                stack.infra().deleteData();
            }
        }
    }

    /** Onboards one tenant; what did not come complete and right by the deadline, if anything. */
    private static Optional<String> onboard(
            Bench.Workspace workspace,
            LocalStack stack,
            Tenant tenant,
            Phase phase,
            FakeArm arm,
            ResourceWatch topic,
            URI inventory,
            URI evaluation,
            Report report)
            throws Exception {
        CpuMeter cpu = new CpuMeter(stack.infra());
        ServiceProfile profile = phase == PHASES.get(0)
                ? ServiceProfile.start(workspace, stack.infra().postgres())
                : null;
        int pagesBefore = arm.pages();
        CpuMeter.Sample before = cpu.sample();
        Instant started = Instant.now();
        Rest.post(inventory.resolve("/api/sync"), "");
        Instant deadline = started.plus(DEADLINE);
        Stored stored = Stored.NOTHING;
        Counted counted = Counted.NOTHING;
        Instant inventoryDone = null;
        Instant evaluationDone = null;
        Unanswered unanswered = new Unanswered();
        while (evaluationDone == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
            if (stored.finished() == null) {
                JsonNode sync = unanswered.ask(inventory.resolve("/api/sync"));
                if (sync != null) {
                    stored = Stored.of(sync, started);
                    inventoryDone = stored.storedAll(phase) ? stored.finished() : null;
                }
            }
            JsonNode coverage = unanswered.ask(evaluation.resolve("/api/coverage"));
            if (coverage != null) {
                counted = Counted.of(coverage, tenant, phase);
                if (counted.subscriptionsRight() == phase.subscriptions() && counted.resources() == phase.resources()) {
                    evaluationDone = Instant.now();
                }
            }
        }
        double seconds = Duration.between(started, Instant.now()).toNanos() / 1e9;
        CpuMeter.Sample used = cpu.sample().minus(before);
        if (profile != null) {
            profile.close();
        }

        String at = phase.prefix();
        report.put(at + "resourcesCoveredExpected", phase.covered(tenant));
        report.put(at + "resourceGraphPages", arm.pages() - pagesBefore);
        report.put(at + "armLastAnswerSeconds", secondsSince(started, arm.lastAnswered()));
        report.put(at + "inventorySubscriptionsStored", stored.subscriptions());
        report.put(at + "inventoryResourcesStored", stored.resources());
        report.put(at + "inventoryDoneSeconds", secondsSince(started, inventoryDone));
        report.put(at + "inventorySyncError", stored.error());
        report.put(at + "topicResourcesPublished", topic.published() - (topic.expected() - phase.resources()));
        report.put(at + "topicDoneSeconds", secondsSince(started, topic.completeAt()));
        report.put(at + "evaluationResourcesCounted", counted.resources());
        report.put(at + "evaluationResourcesCovered", counted.covered());
        report.put(at + "evaluationSubscriptionsRight", counted.subscriptionsRight());
        report.put(at + "evaluationDoneSeconds", secondsSince(started, evaluationDone));
        report.put(at + "pollsUnanswered", unanswered.count);
        report.put(at + "lastUnanswered", unanswered.last);
        report.put(
                at + "goalMet",
                evaluationDone != null
                        && Duration.between(started, evaluationDone).compareTo(GOAL) <= 0);
        used.reportAs(report, at, seconds);
        if (evaluationDone != null) {
            return Optional.empty();
        }
        return Optional.of("Coverage of the " + at.replace(".", "") + " tenant was not complete and right within "
                + DEADLINE.toMinutes() + " min of POST /api/sync: it counted " + counted.resources() + " of "
                + phase.resources() + " resources, " + counted.covered() + " covered where " + phase.covered(tenant)
                + " are, " + counted.subscriptionsRight() + " of " + phase.subscriptions() + " subscriptions right");
    }

    /**
     * The polls a service did not answer, or answered with an error: a service that runs out of memory is part of the
     * result, so the run goes on to its deadline and reports how far each stage got.
     */
    private static final class Unanswered {

        private int count;
        private String last;

        /** The service's JSON answer; null when it gave none. */
        JsonNode ask(URI uri) throws InterruptedException {
            try {
                return JSON.readTree(Rest.get(uri));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                count++;
                last = uri.getPath() + ": " + e;
                return null;
            }
        }
    }

    /** Seconds from the start to an instant; null when the instant never came. */
    private static Double secondsSince(Instant started, Instant at) {
        return at == null ? null : Report.round(Duration.between(started, at).toNanos() / 1e9);
    }

    /**
     * What inventory's {@code GET /api/sync} says it stored: the subscriptions its sync read successfully and the
     * resources it saw in them (a subscription's count includes itself, which is not counted here), when the sync that began after the start finished
     * (null while it runs) and why it failed as a whole (null when it did not).
     */
    private record Stored(int subscriptions, long resources, Instant finished, String error) {

        static final Stored NOTHING = new Stored(0, 0, null, null);

        /** Finished with every subscription of the tenant read and every resource stored. */
        boolean storedAll(Phase phase) {
            return finished != null && subscriptions == phase.subscriptions() && resources == phase.resources();
        }

        static Stored of(JsonNode sync, Instant started) {
            int subscriptions = 0;
            long resources = 0;
            for (JsonNode subscription : sync.path("subscriptions")) {
                if (subscription.path("status").asText().equals("ok")
                        && !subscription.path("lastSuccess").isNull()
                        && !Instant.parse(subscription.path("lastSuccess").asText())
                                .isBefore(started)) {
                    subscriptions++;
                    resources += subscription.path("resourcesSeen").asLong() - 1;
                }
            }
            boolean finished = !sync.path("running").asBoolean()
                    && !sync.path("lastStarted").isNull()
                    && !Instant.parse(sync.path("lastStarted").asText()).isBefore(started)
                    && !sync.path("lastFinished").isNull();
            return new Stored(
                    subscriptions,
                    resources,
                    finished ? Instant.parse(sync.path("lastFinished").asText()) : null,
                    sync.path("lastError").isNull()
                            ? null
                            : sync.path("lastError").asText());
        }
    }

    /**
     * What evaluation's {@code GET /api/coverage} counts over the subscriptions of the tenant being onboarded, and how
     * many of them it counts exactly right: every resource, and the covered ones their plans make.
     */
    private record Counted(long resources, long covered, int subscriptionsRight) {

        static final Counted NOTHING = new Counted(0, 0, 0);

        static Counted of(JsonNode coverage, Tenant tenant, Phase phase) {
            long resources = 0;
            long covered = 0;
            int right = 0;
            for (JsonNode subscription : coverage.path("subscriptions")) {
                int index = tenant.subscriptionIndex(
                        subscription.path("subscriptionId").asText());
                if (!phase.holds(index)) {
                    continue;
                }
                int counted = subscription.path("resources").asInt();
                int coveredHere = subscription.path("covered").asInt();
                resources += counted;
                covered += coveredHere;
                if (counted == Tenant.RESOURCES_PER_SUBSCRIPTION && coveredHere == tenant.covered(index)) {
                    right++;
                }
            }
            return new Counted(resources, covered, right);
        }
    }
}
