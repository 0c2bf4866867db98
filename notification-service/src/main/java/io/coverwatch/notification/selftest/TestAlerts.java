package io.coverwatch.notification.selftest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.channel.ChannelRecord;
import io.coverwatch.notification.channel.ChannelStore;
import io.coverwatch.notification.delivery.DeliveryLog;
import io.coverwatch.notification.delivery.DeliveryRecord;
import io.coverwatch.notification.delivery.DeliveryStatus;
import io.coverwatch.notification.delivery.NotificationDispatch;
import io.coverwatch.notification.intake.FindingNotices;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * The pipeline self-test (the seed's "Check 4: test alert generation"): a canary finding, made into a notice by the
 * same mapping as findings, goes through the same rendering, delivery log, rate limits and senders to every channel.
 * It skips routing, silences and grouping, which would hold it back by design. It does not go through Kafka: a fake finding on the findings topic would reach remediation-service too.
 */
@ApplicationScoped
public class TestAlerts {

    private static final Logger LOG = Logger.getLogger(TestAlerts.class);

    /** Hibernate's lock timeout that means {@code SKIP LOCKED}. */
    private static final int SKIP_LOCKED = -2;

    /** The canary's rule; never a rule of the catalog. */
    public static final String RULE_ID = "CW-TEST-ALERT";

    /** Where one test alert got to on one channel. */
    @Schema(description = "Where one test alert got to on one channel.")
    public record ChannelArrival(
            @Schema(description = "The channel's ID.") UUID channelId,
            @Schema(description = "The channel's name.") String channelName,
            @Schema(description = "Where its message stands.") DeliveryStatus status,
            @Schema(description = "Attempts so far.") int attempts,
            @Schema(description = "When it was delivered; null until then.") Instant deliveredAt,
            @Schema(description = "Why the last attempt failed; null when none did.") String lastError) {}

    /** A test alert and where it got to. */
    @Schema(description = "A test alert and where it got to on each channel.")
    public record Report(
            @Schema(description = "The test alert's ID.") UUID id,
            @Schema(description = "When it was sent.") Instant requestedAt,
            @Schema(description = "Who sent it.") String requestedBy,
            @Schema(description = "Each channel it was sent to.") List<ChannelArrival> channels) {

        /** True once the canary was delivered to every channel it was sent to (false when there were none). */
        @JsonProperty
        @Schema(
                description =
                        "True once it was delivered to every channel it was sent to (false when there were none).")
        public boolean reachedEveryChannel() {
            return !channels.isEmpty() && channels.stream().allMatch(c -> c.status() == DeliveryStatus.DELIVERED);
        }
    }

    private final ChannelStore channels;
    private final NotificationDispatch dispatch;
    private final DeliveryLog deliveries;
    private final NotificationConfig config;

    TestAlerts(
            ChannelStore channels, NotificationDispatch dispatch, DeliveryLog deliveries, NotificationConfig config) {
        this.channels = channels;
        this.dispatch = dispatch;
        this.deliveries = deliveries;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID inject(String requestedBy, Instant now) {
        TestAlertRecord record = new TestAlertRecord();
        record.id = UUID.randomUUID();
        record.requestedAt = now;
        record.requestedBy = requestedBy;
        record.persist();
        String resourceId = "/providers/Coverwatch/testAlerts/" + record.id;
        Finding canary = new Finding(
                Finding.idFor(RULE_ID, resourceId),
                RULE_ID,
                "Coverwatch test alert: the pipeline reaches this channel",
                Severity.LOW,
                resourceId,
                "Coverwatch/testAlerts",
                null,
                FindingStatus.OPEN,
                null,
                "Nothing to do: this message proves alerts arrive.",
                now,
                now,
                null,
                null,
                null);
        // Straight to every channel: a silence or a group's timers must not hold back the proof that alerts arrive.
        Notice notice = FindingNotices.of(
                new FindingOpened(canary), now, config.portalUrl(), Optional.empty(), Optional.empty());
        NoticeGroup group = new NoticeGroup(notice.key(), Map.of(), List.of(notice), List.of());
        channels.active().forEach(channel -> dispatch.deliver(deliveryKey(record.id), group, channel));
        return record.id;
    }

    public Optional<Report> report(UUID id) {
        return TestAlertRecord.<TestAlertRecord>findByIdOptional(id).map(this::report);
    }

    /**
     * Judges every test alert older than the deadline that was not judged yet, once: an alarm in the log for each
     * channel it did not reach in time (or any channel at all).
     *
     * @return how many test alerts missed the deadline somewhere
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int judgeOverdue(Instant now) {
        Duration deadline = config.testAlert().deadline();
        // Locked and skipped when locked, so two instances judging at once alarm once per test alert.
        List<TestAlertRecord> due = TestAlertRecord.<TestAlertRecord>find(
                        "judgedAt is null and requestedAt <= ?1", now.minus(deadline))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .list();
        int missed = 0;
        for (TestAlertRecord alert : due) {
            alert.judgedAt = now;
            Report report = report(alert);
            Instant by = alert.requestedAt.plus(deadline);
            List<ChannelArrival> late = report.channels().stream()
                    .filter(c -> c.deliveredAt() == null || c.deliveredAt().isAfter(by))
                    .toList();
            if (report.channels().isEmpty()) {
                LOG.errorf("ALARM: test alert %s reached no channel: none is configured", alert.id);
                missed++;
            } else if (!late.isEmpty()) {
                late.forEach(c -> LOG.errorf(
                        "ALARM: test alert %s did not reach channel %s within %s (%s, %d attempts%s)",
                        alert.id,
                        c.channelName(),
                        deadline,
                        c.status(),
                        c.attempts(),
                        c.lastError() == null ? "" : ", last error: " + c.lastError()));
                missed++;
            }
        }
        return missed;
    }

    private Report report(TestAlertRecord alert) {
        List<DeliveryRecord> rows = deliveries.forKey(deliveryKey(alert.id));
        List<ChannelArrival> arrivals = rows.stream()
                .map(row -> new ChannelArrival(
                        row.channelId,
                        ChannelRecord.<ChannelRecord>findByIdOptional(row.channelId)
                                .map(channel -> channel.name)
                                .orElse(null),
                        row.status,
                        row.attempts,
                        row.deliveredAt,
                        row.lastError))
                .toList();
        return new Report(alert.id, alert.requestedAt, alert.requestedBy, arrivals);
    }

    private static String deliveryKey(UUID id) {
        return "test-alert/" + id;
    }
}
