package io.coverwatch.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.notification.channel.ChannelRecord;
import io.coverwatch.notification.channel.ChannelStore;
import io.coverwatch.notification.intake.FindingNotices;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.testing.ChannelsApi;
import io.coverwatch.notification.testing.SeedFindings;
import io.coverwatch.notification.testing.WebhookReceiver;
import io.coverwatch.notification.testing.WebhookReceiver.Answer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restart and second-instance safety at the delivery log: two claimers (standing for two instances) over the real
 * database send each message once; a claimer that dies mid-send loses its message to the next one only after its lease.
 * The messages are stored due an hour from now, so the running service's own sender leaves them to the claimers here.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DeliveryLogTest {

    LocalTokenIssuer issuer;

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    DeliveryLog log;

    @Inject
    NotificationDispatch dispatch;

    @Inject
    ChannelStore channels;

    @Inject
    WebhookSender sender;

    @Inject
    Clock clock;

    private final ChannelsApi channelsApi = new ChannelsApi();
    private WebhookReceiver receiver;
    private ChannelRecord channel;

    @BeforeEach
    void start() throws Exception {
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);
        receiver = WebhookReceiver.start();
        UUID id = UUID.fromString(channelsApi.create(
                "soc-webhook-two-instances",
                "webhook",
                receiver.url("/hooks/tw0"),
                "a-signing-secret-of-32-characters"));
        channel = QuarkusTransaction.requiringNew().call(() -> channels.find(id).orElseThrow());
    }

    @AfterEach
    void stop() {
        channelsApi.deleteAll();
        receiver.close();
        SignedIn.out();
    }

    @Test
    void twoInstancesClaimingTogetherSendEveryMessageOnce() throws Exception {
        int messages = 40;
        String run = UUID.randomUUID().toString();
        storeDueInAnHour(run, messages);
        Instant later = clock.instant().plus(Duration.ofHours(2));

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> claimed = List.of(
                    instances.submit(() -> sendAllDue(together, later)),
                    instances.submit(() -> sendAllDue(together, later)));
            List<Long> first = claimed.get(0).get();
            List<Long> second = claimed.get(1).get();
            Set<Long> overlap = new HashSet<>(first);
            overlap.retainAll(second);
            assertEquals(Set.of(), overlap, "no message claimed by both");
            assertEquals(messages, first.size() + second.size());
        } finally {
            instances.shutdownNow();
        }
        List<String> sentIds = receiver.received().stream()
                .map(request -> request.headers().get("x-coverwatch-delivery"))
                .toList();
        assertEquals(messages, sentIds.size(), "one request per message");
        assertEquals(messages, new HashSet<>(sentIds).size(), "no message sent twice");
        for (int i = 0; i < messages; i++) {
            String key = run + "/" + i;
            List<DeliveryRecord> rows = QuarkusTransaction.requiringNew().call(() -> log.forKey(key));
            assertEquals(DeliveryStatus.DELIVERED, rows.get(0).status, key);
        }
    }

    @Test
    void twoInstancesRetryingKeepEachGroupsMessagesInTheOrderTheyWereDecided() throws Exception {
        String run = UUID.randomUUID().toString();
        List<List<Long>> decided = storeGroupsDueInAnHour(run, 3, 5);
        receiver.thenAnswer(
                Answer.status(500, "Internal Server Error"),
                Answer.status(500, "Internal Server Error"),
                Answer.retryAfter("2"),
                Answer.status(500, "Internal Server Error"),
                Answer.status(503, "Service Unavailable"),
                Answer.retryAfter("1"),
                Answer.status(500, "Internal Server Error"));
        AtomicReference<Instant> now = new AtomicReference<>(clock.instant().plus(Duration.ofHours(2)));
        AtomicInteger delivered = new AtomicInteger();
        int messages = decided.stream().mapToInt(List::size).sum();

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> running = List.of(
                    instances.submit(() -> sendUntilDelivered(together, now, delivered, messages)),
                    instances.submit(() -> sendUntilDelivered(together, now, delivered, messages)));
            for (Future<List<Long>> instance : running) {
                instance.get();
            }
        } finally {
            instances.shutdownNow();
        }

        assertTrue(receiver.received().size() > messages, "the receiver refused some attempts");
        List<Long> accepted = receiver.accepted().stream()
                .map(request -> Long.parseLong(request.headers().get("x-coverwatch-delivery")))
                .toList();
        assertEquals(messages, accepted.size(), "one accepted request per message");
        assertEquals(messages, new HashSet<>(accepted).size(), "no message accepted twice");
        for (List<Long> group : decided) {
            assertEquals(
                    group,
                    accepted.stream().filter(group::contains).toList(),
                    "the group's messages arrived in the order they were decided");
        }
    }

    @Test
    void aGroupsLaterMessageWaitsWhileTheEarlierOneIsRetryingAndOtherGroupsGoMeanwhile() {
        String run = UUID.randomUUID().toString();
        List<List<Long>> decided = storeGroupsDueInAnHour(run, 2, 2);
        Instant later = clock.instant().plus(Duration.ofHours(2));

        DeliveryLog.Claim first = log.claimNext(channel.id, later, LEASE).orElseThrow();
        assertEquals(decided.get(0).get(0), first.id());
        Instant retryAt = later.plusSeconds(10);
        assertTrue(log.record(
                first, new SendOutcome.RateLimited(Optional.empty()), new RetryPolicy.RetryAt(retryAt), later));

        DeliveryLog.Claim other = log.claimNext(channel.id, later, LEASE).orElseThrow();
        assertEquals(
                decided.get(1).get(0), other.id(), "the other group's first message, not the waiting group's second");
        assertEquals(
                Optional.empty(),
                log.claimNext(channel.id, later.plusSeconds(5), LEASE),
                "the other group's second waits while its first is out; the first group's waits for its retry");

        DeliveryLog.Claim again = log.claimNext(channel.id, retryAt, LEASE).orElseThrow();
        assertEquals(first.id(), again.id(), "the retry, before the group's later message");
    }

    @Test
    void storingTheSameDecisionTwiceKeepsOneMessage() {
        String key = "finding-event/" + UUID.randomUUID();
        NoticeGroup group = group("prod-web-01");
        int first = QuarkusTransaction.requiringNew().call(() -> dispatch.deliver(key, group, channel));
        int again = QuarkusTransaction.requiringNew().call(() -> dispatch.deliver(key, group, channel));
        assertEquals(1, first);
        assertEquals(0, again);
        assertEquals(
                1, QuarkusTransaction.requiringNew().call(() -> log.forKey(key)).size());
    }

    @Test
    void aClaimerThatDiesMidSendLosesItsMessageOnlyWhenTheLeaseRunsOut() {
        String run = UUID.randomUUID().toString();
        storeDueInAnHour(run, 1);
        Instant later = clock.instant().plus(Duration.ofHours(2));

        DeliveryLog.Claim dead = log.claimNext(channel.id, later, LEASE).orElseThrow();
        assertEquals(
                Optional.empty(), log.claimNext(channel.id, later.plus(LEASE).minusSeconds(1), LEASE));

        DeliveryLog.Claim next =
                log.claimNext(channel.id, later.plus(LEASE), LEASE).orElseThrow();
        assertEquals(dead.id(), next.id());
        assertNotEquals(dead.token(), next.token());
        RetryPolicy.MarkDelivered delivered = new RetryPolicy.MarkDelivered();
        assertFalse(
                log.record(dead, new SendOutcome.Delivered(200), delivered, later.plus(LEASE)),
                "a dead claim records nothing");
        assertTrue(log.record(next, new SendOutcome.Delivered(200), delivered, later.plus(LEASE)));
        assertEquals(
                Optional.empty(),
                log.claimNext(channel.id, later.plus(Duration.ofDays(1)), LEASE),
                "delivered is final");
    }

    @Test
    void claimingAMessageAndRecordingItsAttemptLeaveItsStoredBodyAsItWas() {
        String run = UUID.randomUUID().toString();
        String key = run + "/outage";
        List<Notice> firing = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            firing.addAll(group("outage-vm-" + i).firing());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            dispatch.deliver(key, new NoticeGroup("/0{outage=\"" + key + "\"}", Map.of(), firing, List.of()), channel);
            putOffAnHour(run);
        });
        long id = QuarkusTransaction.requiringNew().call(() -> log.forKey(key)).get(0).id;
        Object stored = bodyStoredAt(id);
        assertNotNull(stored, "a group of 300 notices is stored out of line, as an outage's message is");
        Instant later = clock.instant().plus(Duration.ofHours(2));

        DeliveryLog.Claim claim = log.claimNext(channel.id, later, LEASE).orElseThrow();
        assertEquals(id, claim.id());
        assertEquals(stored, bodyStoredAt(id), "claiming the message did not store its body again");
        assertTrue(log.record(
                claim, new SendOutcome.RateLimited(Optional.empty()), new RetryPolicy.RetryAt(later), later));
        DeliveryLog.Claim retry = log.claimNext(channel.id, later, LEASE).orElseThrow();
        assertTrue(log.record(retry, new SendOutcome.Delivered(200), new RetryPolicy.MarkDelivered(), later));
        assertEquals(stored, bodyStoredAt(id), "recording its attempts did not store its body again");
        DeliveryRecord delivered =
                QuarkusTransaction.requiringNew().call(() -> log.find(id).orElseThrow());
        assertEquals(DeliveryStatus.DELIVERED, delivered.status);
        assertEquals(claim.body(), delivered.body);
    }

    /** Where PostgreSQL keeps the message's body out of line: a new place each time the body is written again. */
    private static Object bodyStoredAt(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("select pg_column_toast_chunk_id(body)::bigint from delivery where id = :id")
                .setParameter("id", id)
                .getSingleResult());
    }

    /** Claims and sends until nothing is due, as one instance's sending loop does; returns what it claimed. */
    private List<Long> sendAllDue(CyclicBarrier together, Instant now) throws Exception {
        ChannelGate gate = new ChannelGate(
                channel.name, 1000, new ChannelGate.CircuitSettings(10, 0.5, Duration.ofSeconds(1)), clock);
        DeliveryTarget target = new DeliveryTarget(
                channel.id, channel.name, channel.kind, channels.url(channel), channel.signingSecret, 1000);
        RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
        together.await();
        List<Long> claimed = new ArrayList<>();
        for (Optional<DeliveryLog.Claim> claim = log.claimNext(channel.id, now, LEASE);
                claim.isPresent();
                claim = log.claimNext(channel.id, now, LEASE)) {
            claimed.add(claim.get().id());
            SendOutcome outcome = sender.send(
                    gate,
                    target.url(),
                    RequestSigning.outgoing(
                            target.kind(),
                            claim.get().body(),
                            target.signingSecret(),
                            claim.get().id(),
                            now));
            assertTrue(log.record(
                    claim.get(), outcome, policy.decide(outcome, claim.get().attempts(), now, 0.5), now));
        }
        return claimed;
    }

    /**
     * Sends until {@code messages} are delivered, as one instance's sending loop does on a clock both instances share
     * and move on whenever nothing is due; returns what it claimed.
     */
    private List<Long> sendUntilDelivered(
            CyclicBarrier together, AtomicReference<Instant> clockOfBoth, AtomicInteger delivered, int messages)
            throws Exception {
        List<Long> claimed = new ArrayList<>();
        ChannelGate gate = new ChannelGate(
                channel.name, 1000, new ChannelGate.CircuitSettings(100, 1.0, Duration.ofSeconds(1)), clock);
        RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
        together.await();
        Instant giveUp = clockOfBoth.get().plus(Duration.ofMinutes(10));
        while (delivered.get() < messages) {
            Instant now = clockOfBoth.get();
            assertTrue(now.isBefore(giveUp), "everything delivered within ten minutes of retries");
            Optional<DeliveryLog.Claim> claim = log.claimNext(channel.id, now, LEASE);
            if (claim.isEmpty()) {
                clockOfBoth.accumulateAndGet(
                        now.plusMillis(100), (current, moved) -> moved.isAfter(current) ? moved : current);
                Thread.sleep(5);
                continue;
            }
            claimed.add(claim.get().id());
            SendOutcome outcome = sender.send(
                    gate,
                    channels.url(channel),
                    RequestSigning.outgoing(
                            channel.kind,
                            claim.get().body(),
                            channel.signingSecret,
                            claim.get().id(),
                            now));
            RetryPolicy.Decision decision = policy.decide(outcome, claim.get().attempts(), now, 0.5);
            assertTrue(log.record(claim.get(), outcome, decision, now));
            if (decision instanceof RetryPolicy.MarkDelivered) {
                delivered.incrementAndGet();
            }
        }
        return claimed;
    }

    /**
     * Decides {@code perGroup} messages for each of {@code groups} groups, taking turns between the groups as a busy
     * route does, all due in an hour (in one transaction, so the running service's sender never sees them due now).
     *
     * @return each group's delivery IDs in the order decided
     */
    private List<List<Long>> storeGroupsDueInAnHour(String run, int groups, int perGroup) {
        List<List<String>> keys = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            keys.add(new ArrayList<>());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (int m = 0; m < perGroup; m++) {
                for (int g = 0; g < groups; g++) {
                    String key = run + "/g" + g + "/" + m;
                    NoticeGroup one = group("prod-web-" + g + "-" + m);
                    dispatch.deliver(
                            key,
                            new NoticeGroup(
                                    "/0{run=\"" + run + "\",group=\"" + g + "\"}",
                                    Map.of("group", String.valueOf(g)),
                                    one.firing(),
                                    List.of()),
                            channel);
                    keys.get(g).add(key);
                }
            }
            putOffAnHour(run);
        });
        return keys.stream()
                .map(group -> group.stream()
                        .map(key -> QuarkusTransaction.requiringNew()
                                .call(() -> log.forKey(key))
                                .get(0)
                                .id)
                        .toList())
                .toList();
    }

    private void storeDueInAnHour(String run, int messages) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < messages; i++) {
                dispatch.deliver(run + "/" + i, group("prod-web-" + i), channel);
            }
            putOffAnHour(run);
        });
    }

    /**
     * Puts the run's messages off by an hour, in the caller's transaction (the one that stored them), so the running
     * service's sender never sees them due and leaves them to the claimers here.
     */
    private static void putOffAnHour(String run) {
        Panache.getEntityManager()
                .createNativeQuery("update delivery set next_attempt_at = next_attempt_at + interval '1 hour'"
                        + " where delivery_key like :run")
                .setParameter("run", run + "/%")
                .executeUpdate();
    }

    private static NoticeGroup group(String machine) {
        Notice notice = FindingNotices.of(
                new io.coverwatch.contracts.FindingOpened(SeedFindings.amaDown(machine)),
                Instant.now(),
                "https://portal.azure.com",
                Optional.empty(),
                Optional.empty());
        return new NoticeGroup(notice.key(), Map.of(), List.of(notice), List.of());
    }
}
