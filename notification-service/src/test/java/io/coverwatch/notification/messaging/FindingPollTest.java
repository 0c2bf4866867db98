package io.coverwatch.notification.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.notification.alert.AlertRecord;
import io.coverwatch.notification.alert.AlertState;
import io.coverwatch.notification.subscription.SubscriptionNameStore;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A poll of findings, as an outage delivers it: a thousand agents silenced at once arrive as polls of hundreds of
 * findings, and each poll must cost notification-service a few round trips, not a few per finding (detection run 18:
 * about 10 ms a finding kept the outage's notices ten seconds behind their findings). Within the poll every event still
 * counts once and in its order.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class FindingPollTest {

    private static final String SUBSCRIPTION = "AAAAAAAA-0000-0000-0000-000000000017";

    @Inject
    FindingEventHandler handler;

    @Inject
    SubscriptionNameStore names;

    @Inject
    SessionFactory sessions;

    /**
     * The polls here form groups on the default route, which sends to every channel: left behind, an outage's group of
     * hundreds would fall due during a later test and message that test's channel.
     */
    @AfterEach
    void dropTheGroups() {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("delete from notice_group")
                .executeUpdate());
    }

    @Test
    void anOutagesPollTakesTheSameStatementsWhateverItsSize() {
        QuarkusTransaction.requiringNew()
                .run(() -> names.learn(SUBSCRIPTION.toLowerCase(), "Contoso Outage Lab", Instant.now()));
        Statistics statistics = sessions.getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            long small = statementsFor(amaDownFindings(20));
            List<Finding> outage = amaDownFindings(200);
            long large = statementsFor(outage);

            assertTrue(small > 0, "Hibernate's statistics counted no statement");

            assertTrue(
                    large <= small + 10,
                    "a poll of 200 findings took " + large + " statements, one of 20 took " + small
                            + ": the statements grow with the poll");
            outage.forEach(finding -> {
                AlertRecord alert = QuarkusTransaction.requiringNew()
                        .call(() -> AlertRecord.<AlertRecord>findById(finding.findingId()));
                assertEquals(AlertState.FIRING, alert.state, finding.resourceId());
                String notice = currentNotice(finding);
                assertTrue(notice.contains("Contoso Outage Lab"), "named from the subscription: " + notice);
            });
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    @Test
    void aFindingOpenedRepeatedAndResolvedInOnePollEndsResolved() {
        Finding lab = amaDownFindings(1).get(0);
        Finding other = amaDownFindings(1).get(0);
        Instant opened = Instant.parse("2026-12-06T03:00:00Z");
        String openedId = UUID.randomUUID().toString();
        handler.handleAll(List.of(
                event(openedId, opened, new FindingOpened(lab)),
                event(openedId, opened, new FindingOpened(lab)),
                event(UUID.randomUUID().toString(), opened.plusSeconds(60), new FindingResolved(lab)),
                event(UUID.randomUUID().toString(), opened.plusSeconds(60), new FindingOpened(other))));

        AlertRecord resolved =
                QuarkusTransaction.requiringNew().call(() -> AlertRecord.<AlertRecord>findById(lab.findingId()));
        assertEquals(AlertState.RESOLVED, resolved.state);
        assertEquals(opened.plusSeconds(60), resolved.endsAt);
        assertFalse(firing(lab), "the poll's last word on it was resolved");
        assertTrue(firing(other));
    }

    private long statementsFor(List<Finding> findings) {
        Instant now = Instant.now();
        List<CloudEvent<CoverwatchEvent>> poll = new ArrayList<>();
        findings.forEach(finding -> poll.add(event(UUID.randomUUID().toString(), now, new FindingOpened(finding))));
        long before = sessions.getStatistics().getPrepareStatementCount();
        handler.handleAll(poll);
        return sessions.getStatistics().getPrepareStatementCount() - before;
    }

    private static CloudEvent<CoverwatchEvent> event(String id, Instant at, CoverwatchEvent data) {
        return new CloudEvent<>(id, "/test/finding-poll", at, data);
    }

    /** Machines of one subscription whose Azure Monitor Agent stopped reporting, each a new finding. */
    private static List<Finding> amaDownFindings(int machines) {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, machines)
                .mapToObj(machine -> {
                    String resourceId = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/outage-rg/providers"
                            + "/Microsoft.Compute/virtualMachines/vm-" + batch + "-" + machine;
                    Instant seen = Instant.parse("2026-12-06T03:00:00Z");
                    return new Finding(
                            Finding.idFor("CW-AGENT-AMA-DOWN", resourceId),
                            "CW-AGENT-AMA-DOWN",
                            "Azure Monitor Agent stopped reporting",
                            Severity.HIGH,
                            resourceId,
                            AzureResource.VIRTUAL_MACHINE_TYPE,
                            SUBSCRIPTION,
                            FindingStatus.OPEN,
                            null,
                            null,
                            seen,
                            seen,
                            null,
                            null,
                            null);
                })
                .toList();
    }

    private static String currentNotice(Finding finding) {
        return QuarkusTransaction.requiringNew().call(() -> (String) Panache.getEntityManager()
                .createNativeQuery("select notice from current_notice where notice_key = :key")
                .setParameter("key", finding.findingId())
                .getSingleResult());
    }

    private static boolean firing(Finding finding) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) Panache.getEntityManager()
                .createNativeQuery("select firing from current_notice where notice_key = :key")
                .setParameter("key", finding.findingId())
                .getSingleResult());
    }
}
