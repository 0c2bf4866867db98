package io.coverwatch.notification.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.notification.testing.ChannelsApi;
import io.coverwatch.notification.testing.RoutesApi;
import io.coverwatch.notification.testing.SeedFindings;
import io.coverwatch.notification.testing.WebhookReceiver;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group is flushed when it falls due, not at the next tick: with the tick an hour apart (it runs once, at start), a
 * group still sends its first message after group_wait and what changed after group_interval. The test profile's
 * group_wait and group_interval are 1 s.
 */
@QuarkusTest
@TestProfile(GroupWakeUpTest.TickAnHourApart.class)
@WithTestResource(LocalInfraTestResource.class)
class GroupWakeUpTest {

    /** Only the alarm can flush a group stored after start. */
    public static class TickAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("coverwatch.notification.routing.tick-interval", "1h");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    LocalTokenIssuer issuer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final ChannelsApi channels = new ChannelsApi();
    private final RoutesApi routes = new RoutesApi();
    private final String outageSubscription = SeedFindings.freshSubscription();
    private WebhookReceiver slack;
    private KafkaProbe kafka;

    @BeforeEach
    void start() throws Exception {
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);
        slack = WebhookReceiver.start();
        kafka = new KafkaProbe(bootstrapServers);
        channels.create("soc-slack", "slack", slack.url("/services/T0WAK/B0WAK/w4ke"), null);
        routes.put("{\"route\": {\"receiver\": \"*\", \"group_by\": [\"subscription\"]}}");
    }

    @AfterEach
    void stop() {
        routes.reset();
        channels.deleteAll();
        slack.close();
        kafka.close();
        SignedIn.out();
    }

    @Test
    void aGroupIsFlushedWhenItFallsDueAndAgainWhenItChanges() throws Exception {
        kafka.send(SeedFindings.opened(SeedFindings.amaDown(outageSubscription, "outage-01"), null));
        kafka.send(SeedFindings.opened(SeedFindings.amaDown(outageSubscription, "outage-02"), null));

        await().atMost(TIMEOUT).until(() -> !slack.accepted().isEmpty());
        String first = slack.accepted().get(0).body();
        assertTrue(first.contains("outage-01") || first.contains("outage-02"), first);

        // A machine that falls silent after the first message: told group_interval after it, by the alarm the
        // flush's own commit set.
        int before = slack.accepted().size();
        kafka.send(SeedFindings.opened(SeedFindings.amaDown(outageSubscription, "outage-03"), null));
        await().atMost(TIMEOUT).until(() -> slack.accepted().size() > before);
        String latest = slack.accepted().get(slack.accepted().size() - 1).body();
        assertTrue(latest.contains("outage-03"), latest);
    }
}
