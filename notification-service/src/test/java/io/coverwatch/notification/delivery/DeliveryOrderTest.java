package io.coverwatch.notification.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.FindingOpened;
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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running service's sender against a real local receiver that is down for a while: it answers 500, then 429 with
 * Retry-After, then accepts. Three groups of a route decide their messages in turns while it is down (the last of each
 * tells that its first finding resolved); afterwards each group's messages have arrived once each, in the order they
 * were decided.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DeliveryOrderTest {

    LocalTokenIssuer issuer;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    NotificationDispatch dispatch;

    @Inject
    DeliveryLog log;

    @Inject
    ChannelStore channels;

    private final ChannelsApi channelsApi = new ChannelsApi();
    private final String subscription = SeedFindings.freshSubscription();
    private WebhookReceiver receiver;
    private ChannelRecord channel;

    @BeforeEach
    void start() throws Exception {
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);
        receiver = WebhookReceiver.start();
        UUID id = UUID.fromString(channelsApi.create(
                "soc-webhook-in-order", "webhook", receiver.url("/hooks/0rder"), "a-signing-secret-of-32-characters"));
        channel = QuarkusTransaction.requiringNew().call(() -> channels.find(id).orElseThrow());
    }

    @AfterEach
    void stop() {
        channelsApi.deleteAll();
        receiver.close();
        SignedIn.out();
    }

    @Test
    void aReceiverThatFailsThenRateLimitsGetsEachGroupsMessagesOnceAndInTheOrderDecided() {
        List<Answer> outage = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            outage.add(Answer.status(500, "Internal Server Error"));
        }
        outage.add(Answer.retryAfter("1"));
        outage.add(Answer.status(500, "Internal Server Error"));
        outage.add(Answer.retryAfter("1"));
        receiver.thenAnswer(outage.toArray(Answer[]::new));
        List<String> machines = List.of("prod-web-01", "prod-db-01", "analytics-db");
        int groups = 3;
        List<List<Long>> decided = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            decided.add(new ArrayList<>());
        }

        for (int step = 0; step <= machines.size(); step++) {
            for (int g = 0; g < groups; g++) {
                decided.get(g).add(decide(g, step, machines));
            }
        }

        int messages = groups * (machines.size() + 1);
        await().atMost(TIMEOUT).until(() -> receiver.accepted().size() >= messages);
        await().atMost(Duration.ofSeconds(5)).until(() -> decided.stream()
                .flatMap(List::stream)
                .allMatch(id -> QuarkusTransaction.requiringNew()
                                .call(() -> log.find(id).orElseThrow().status)
                        == DeliveryStatus.DELIVERED));
        assertTrue(receiver.received().stream().anyMatch(request -> request.answeredWith() == 429));
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

    /**
     * The group's message at {@code step}: a machine's agent down joins the group at each step, and after the last one
     * the first machine's finding resolves.
     */
    private long decide(int group, int step, List<String> machines) {
        List<Notice> firing = new ArrayList<>();
        for (int m = 0; m < Math.min(step + 1, machines.size()); m++) {
            firing.add(notice(group, machines.get(m)));
        }
        List<Notice> resolved = List.of();
        if (step == machines.size()) {
            resolved = List.of(firing.remove(0));
        }
        NoticeGroup decision = new NoticeGroup(
                "/0{subscription=\"" + subscription + "\",group=\"" + group + "\"}",
                Map.of("subscription", subscription),
                firing,
                resolved);
        String key = subscription + "/" + group + "/" + step;
        QuarkusTransaction.requiringNew().run(() -> dispatch.deliver(key, decision, channel));
        return QuarkusTransaction.requiringNew().call(() -> log.forKey(key)).get(0).id;
    }

    private Notice notice(int group, String machine) {
        return FindingNotices.of(
                new FindingOpened(SeedFindings.amaDown(subscription, machine + "-g" + group)),
                Instant.now(),
                "https://portal.azure.com",
                Optional.empty(),
                Optional.empty());
    }
}
