package io.coverwatch.notification.silencestore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.notification.routing.Matcher;
import io.coverwatch.notification.routing.silence.Silence;
import io.coverwatch.notification.routing.silence.Silences;
import io.coverwatch.security.Actor;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The silences: made, listed and expired through the API, read by the grouping runtime at each tick. */
@ApplicationScoped
public class SilenceStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {};

    /**
     * Stores a silence. {@link io.coverwatch.notification.routing.InvalidRouting} for an unreadable matcher, a silence
     * that would mute everything, or an expiry not in the future.
     *
     * @param startsAt when it starts; null for now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SilenceRecord create(
            List<String> matchers, Actor createdBy, String comment, Instant startsAt, Instant endsAt, Instant now) {
        Silence silence = new Silence(
                matchers == null
                        ? List.of()
                        : matchers.stream().map(Matcher::parse).toList(),
                createdBy.displayName(),
                comment,
                startsAt != null ? startsAt : now,
                endsAt);
        Silences.validate(silence, now);
        SilenceRecord record = new SilenceRecord();
        record.id = UUID.randomUUID();
        record.matchers =
                write(silence.matchers().stream().map(Matcher::toString).toList());
        record.createdBy = createdBy.subject();
        record.createdByName = createdBy.name();
        record.comment = silence.comment();
        record.startsAt = silence.startsAt();
        record.endsAt = silence.endsAt();
        record.createdAt = now;
        record.updatedAt = now;
        record.persist();
        return record;
    }

    /**
     * Ends a silence now, recording who did; one that had not started yet never will. Expiring an expired one changes
     * nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<SilenceRecord> expire(UUID id, Actor by, Instant now) {
        Optional<SilenceRecord> found = SilenceRecord.findByIdOptional(id);
        found.filter(record -> record.endsAt.isAfter(now)).ifPresent(record -> {
            if (record.startsAt.isAfter(now)) {
                record.startsAt = now;
            }
            record.endsAt = now;
            record.updatedAt = now;
            record.expiredBy = by.subject();
            record.expiredByName = by.name();
        });
        return found;
    }

    /** Who made the silence. */
    public static Actor createdBy(SilenceRecord record) {
        return new Actor(record.createdBy, record.createdByName);
    }

    /** Who expired it before its time; null when nobody did. */
    public static Actor expiredBy(SilenceRecord record) {
        return record.expiredBy == null ? null : new Actor(record.expiredBy, record.expiredByName);
    }

    public Optional<SilenceRecord> find(UUID id) {
        return SilenceRecord.findByIdOptional(id);
    }

    /** Silences, expired ones included, the latest to expire first. */
    public List<SilenceRecord> page(int page, int size) {
        return SilenceRecord.<SilenceRecord>findAll(Sort.descending("endsAt").and("id"))
                .page(page, size)
                .list();
    }

    /** The silences in force at {@code now}. */
    public List<Silence> active(Instant now) {
        return SilenceRecord.<SilenceRecord>list("startsAt <= ?1 and endsAt > ?1", now).stream()
                .map(SilenceStore::silence)
                .toList();
    }

    public static List<String> matchers(SilenceRecord record) {
        try {
            return JSON.readValue(record.matchers, TEXTS);
        } catch (IOException e) {
            throw new UncheckedIOException("stored matchers of silence " + record.id + " are not a JSON array", e);
        }
    }

    private static Silence silence(SilenceRecord record) {
        return new Silence(
                matchers(record).stream().map(Matcher::parse).toList(),
                createdBy(record).displayName(),
                record.comment,
                record.startsAt,
                record.endsAt);
    }

    private static String write(List<String> texts) {
        try {
            return JSON.writeValueAsString(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
