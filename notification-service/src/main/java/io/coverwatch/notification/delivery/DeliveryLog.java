package io.coverwatch.notification.delivery;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery log: every message to every channel, and where it stands. Claims take rows with
 * {@code FOR UPDATE SKIP LOCKED} and stamp them with a lease and a token, so any number of instances send side by side
 * and each message is sent by one of them; a result is recorded only by the claim that holds the token.
 *
 * <p><b>Order:</b> only the oldest undelivered message of a group on a channel can be claimed (oldest by id, which
 * follows the order the group's messages were decided). While it is pending a retry, or claimed by any instance, the
 * group's later messages wait, so a resolved notice never overtakes its firing one. A parked message no longer holds
 * its group back: it was given up on, and a re-drive sends it late, on purpose.
 */
@ApplicationScoped
public class DeliveryLog {

    /** A message claimed for sending, with what the claimer needs to send it and record the result. */
    public record Claim(long id, String deliveryKey, int part, String body, int attempts, UUID token) {}

    /**
     * Stores a message for a channel unless the same (key, channel, part) is there; true when it was new. Messages of
     * one {@code groupKey} go to the channel in the order they are added.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(String deliveryKey, String groupKey, UUID channelId, int part, String body, Instant now) {
        return em().createNativeQuery("insert into delivery (delivery_key, group_id, channel_id, part, status,"
                                + " attempts, next_attempt_at, body, created_at) values (:key, md5(:group), :channel,"
                                + " :part, 'PENDING', 0, :now, :body, :now)"
                                + " on conflict (delivery_key, channel_id, part) do nothing")
                        .setParameter("key", deliveryKey)
                        .setParameter("group", groupKey)
                        .setParameter("channel", channelId)
                        .setParameter("part", part)
                        .setParameter("body", body)
                        .setParameter("now", now)
                        .executeUpdate()
                == 1;
    }

    /**
     * The channels that have a message due and next in its group: pending and due, or sending with a lease that ran out.
     */
    @Transactional
    public List<UUID> channelsWithDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> channels = em().createNativeQuery(
                        "select distinct channel_id from delivery where (" + DUE + ") and " + NEXT_IN_GROUP)
                .setParameter("now", now)
                .getResultList();
        return channels;
    }

    /**
     * Claims the channel's oldest due message that is next in its group, for {@code lease}. A message another
     * transaction holds is skipped, not waited for, and its group's later messages with it (to this statement it is
     * still undelivered); a message whose claimer's lease ran out (it crashed, or hung) is claimed again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimNext(UUID channelId, Instant now, Duration lease) {
        @SuppressWarnings("unchecked")
        List<DeliveryRecord> due = em().createNativeQuery(
                        "select * from delivery where channel_id = :channel and (" + DUE + ") and " + NEXT_IN_GROUP
                                + " order by next_attempt_at, id limit 1 for update skip locked",
                        DeliveryRecord.class)
                .setParameter("channel", channelId)
                .setParameter("now", now)
                .getResultList();
        return due.stream().findFirst().map(row -> {
            row.status = DeliveryStatus.SENDING;
            row.leaseUntil = now.plus(lease);
            row.claimToken = UUID.randomUUID();
            return new Claim(row.id, row.deliveryKey, row.part, row.body, row.attempts, row.claimToken);
        });
    }

    /**
     * Records what came of a claim's attempt. False when the claim no longer holds the message (its lease ran out and
     * another claim took it, or the channel was deleted meanwhile): then nothing is changed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean record(Claim claim, SendOutcome outcome, RetryPolicy.Decision decision, Instant now) {
        DeliveryRecord row = em().find(DeliveryRecord.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null
                || row.status != DeliveryStatus.SENDING
                || !claim.token().equals(row.claimToken)) {
            return false;
        }
        row.leaseUntil = null;
        row.claimToken = null;
        if (decision.counted()) {
            row.attempts++;
        }
        if (outcome.httpStatus() != null) {
            row.lastHttpStatus = outcome.httpStatus();
        }
        if (decision instanceof RetryPolicy.MarkDelivered) {
            row.status = DeliveryStatus.DELIVERED;
            row.deliveredAt = now;
        } else if (decision instanceof RetryPolicy.Park park) {
            row.status = DeliveryStatus.PARKED;
            row.lastError = truncate(park.reason());
        } else {
            row.status = DeliveryStatus.PENDING;
            row.nextAttemptAt = decision instanceof RetryPolicy.RetryAt retry ? retry.at() : now;
            row.lastError = truncate(outcome.error());
        }
        return true;
    }

    /** Parks what a channel had not delivered (it was deleted): visible, and nothing sends it anymore. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int parkUndelivered(UUID channelId, String reason) {
        return em().createNativeQuery("update delivery set status = 'PARKED', last_error = :reason, lease_until = null,"
                        + " claim_token = null where channel_id = :channel and status in ('PENDING', 'SENDING')")
                .setParameter("reason", reason)
                .setParameter("channel", channelId)
                .executeUpdate();
    }

    /**
     * Deletes up to {@code limit} delivered messages stored before {@code before}; parked ones stay until a person
     * re-drives them. Returns how many were deleted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteDelivered(Instant before, int limit) {
        return em().createNativeQuery("delete from delivery where id in (select id from delivery"
                        + " where status = 'DELIVERED' and created_at < :before limit :limit)")
                .setParameter("before", before)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** Sends a parked message again, from a fresh count of attempts; the body is the one stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void redrive(DeliveryRecord parked, Instant now) {
        parked.status = DeliveryStatus.PENDING;
        parked.attempts = 0;
        parked.nextAttemptAt = now;
    }

    public Optional<DeliveryRecord> find(long id) {
        return DeliveryRecord.findByIdOptional(id);
    }

    /** Newest first. */
    public List<DeliveryRecord> list(DeliveryStatus status, UUID channelId, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (channelId != null) {
            query.append(" and channelId = :channel");
            parameters.and("channel", channelId);
        }
        return DeliveryRecord.<DeliveryRecord>find(query.toString(), Sort.descending("createdAt", "id"), parameters)
                .page(Page.of(page, size))
                .list();
    }

    /** Every message one decision produced, one per channel and part. */
    public List<DeliveryRecord> forKey(String deliveryKey) {
        return DeliveryRecord.list("deliveryKey", Sort.ascending("channelId", "part"), deliveryKey);
    }

    private static final String DUE =
            "(status = 'PENDING' and next_attempt_at <= :now)" + " or (status = 'SENDING' and lease_until <= :now)";

    /** No earlier message of the same group waits for this channel, pending or being sent. */
    private static final String NEXT_IN_GROUP = "not exists (select 1 from delivery earlier"
            + " where earlier.channel_id = delivery.channel_id and earlier.group_id = delivery.group_id"
            + " and earlier.id < delivery.id and earlier.status in ('PENDING', 'SENDING'))";

    /** Longer than any column-worthy reason; a receiver's whole error page is not. */
    private static final int MAX_ERROR = 1000;

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
