package io.coverwatch.notification.channel;

import io.coverwatch.notification.NotificationConfig;
import io.coverwatch.notification.secret.SecretSeal;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The channels messages go to: Slack and Teams webhooks and generic JSON webhooks. Their URLs and signing secrets are
 * stored sealed ({@link SecretSeal}) and opened only to send.
 */
@ApplicationScoped
public class ChannelStore {

    private final NotificationConfig config;
    private final HostAllowlist allowlist;
    private final SecretSeal seal;

    ChannelStore(NotificationConfig config) {
        this.config = config;
        this.allowlist = new HostAllowlist(
                config.webhooks().allowedHosts(),
                config.webhooks().plainHttpHosts().orElse(List.of()));
        this.seal = SecretSeal.of(
                config.secrets().key(), config.secrets().retiredKeys().orElse(List.of()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ChannelRecord create(ChannelSpec spec, Instant now) {
        spec.validate(true);
        WebhookUrl url = WebhookUrl.parse(spec.url(), allowlist);
        if (spec.kind().signed() && spec.signingSecret() == null) {
            throw new InvalidChannel("A generic webhook needs a signing secret");
        }
        requireFreeName(spec.name(), null);
        ChannelRecord channel = new ChannelRecord();
        channel.id = UUID.randomUUID();
        channel.createdAt = now;
        apply(channel, spec, url);
        channel.updatedAt = now;
        channel.persist();
        return channel;
    }

    /** Replaces a channel's spec; a missing URL or signing secret keeps the stored one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChannelRecord> update(UUID id, ChannelSpec spec, Instant now) {
        spec.validate(false);
        Optional<ChannelRecord> found = find(id);
        found.ifPresent(channel -> {
            WebhookUrl url = spec.url() == null ? url(channel) : WebhookUrl.parse(spec.url(), allowlist);
            if (spec.kind().signed() && spec.signingSecret() == null && channel.signingSecret == null) {
                throw new InvalidChannel("A generic webhook needs a signing secret");
            }
            requireFreeName(spec.name(), id);
            String keptSecret = spec.kind().signed() ? channel.signingSecret : null;
            apply(channel, spec, url);
            if (spec.signingSecret() == null) {
                channel.signingSecret = keptSecret; // still sealed, for this very channel
            }
            channel.updatedAt = now;
        });
        return found;
    }

    /** Marks a channel deleted; its history stays. The caller parks what it had not delivered yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChannelRecord> delete(UUID id, Instant now) {
        Optional<ChannelRecord> found = find(id);
        found.ifPresent(channel -> channel.deletedAt = now);
        return found;
    }

    public Optional<ChannelRecord> find(UUID id) {
        return ChannelRecord.<ChannelRecord>findByIdOptional(id).filter(channel -> channel.deletedAt == null);
    }

    /** The channel in use of this name, ignoring case as names are unique that way. */
    public Optional<ChannelRecord> named(String name) {
        return ChannelRecord.<ChannelRecord>find("deletedAt is null and lower(name) = lower(?1)", name.trim())
                .firstResultOptional();
    }

    /** Every channel in use, oldest first. */
    public List<ChannelRecord> active() {
        return ChannelRecord.list("deletedAt is null", Sort.ascending("createdAt", "id"));
    }

    /** The URL of a stored channel, checked against today's allowlist (it may have shrunk since the channel was made). */
    public WebhookUrl url(ChannelRecord channel) {
        return WebhookUrl.parse(seal.open(channel.url, urlStoredAt(channel)), allowlist);
    }

    /** A generic webhook's HMAC key; null for Slack and Teams. Never log it. */
    public String signingSecret(ChannelRecord channel) {
        return channel.signingSecret == null ? null : seal.open(channel.signingSecret, secretStoredAt(channel));
    }

    /**
     * Seals what is stored in the clear (rows from before sealing) or under a retired key. Run at every start, so a
     * rotated key takes over every channel, deleted ones included.
     *
     * @return how many channels were sealed again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reseal() {
        int resealed = 0;
        for (ChannelRecord channel : ChannelRecord.<ChannelRecord>findAll()
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()) {
            boolean url = seal.needsResealing(channel.url);
            boolean secret = channel.signingSecret != null && seal.needsResealing(channel.signingSecret);
            if (url) {
                channel.url = seal.seal(opened(channel.url, urlStoredAt(channel)), urlStoredAt(channel));
            }
            if (secret) {
                channel.signingSecret =
                        seal.seal(opened(channel.signingSecret, secretStoredAt(channel)), secretStoredAt(channel));
            }
            resealed += url || secret ? 1 : 0;
        }
        return resealed;
    }

    private String opened(String stored, String storedAt) {
        return SecretSeal.isSealed(stored) ? seal.open(stored, storedAt) : stored;
    }

    private static String urlStoredAt(ChannelRecord channel) {
        return "channel/" + channel.id + "/url";
    }

    private static String secretStoredAt(ChannelRecord channel) {
        return "channel/" + channel.id + "/signing-secret";
    }

    private void apply(ChannelRecord channel, ChannelSpec spec, WebhookUrl url) {
        channel.name = spec.name().trim();
        channel.kind = spec.kind();
        channel.url = seal.seal(url.secret(), urlStoredAt(channel));
        channel.signingSecret = spec.kind().signed() && spec.signingSecret() != null
                ? seal.seal(spec.signingSecret(), secretStoredAt(channel))
                : null;
        channel.ratePerSecond = spec.ratePerSecond() != null ? spec.ratePerSecond() : defaultRate(spec.kind());
    }

    private double defaultRate(ChannelKind kind) {
        NotificationConfig.RateLimits limits = config.delivery().rateLimits();
        return switch (kind) {
            case SLACK -> limits.slack();
            case TEAMS -> limits.teams();
            case WEBHOOK -> limits.webhook();
        };
    }

    private void requireFreeName(String name, UUID except) {
        boolean taken =
                ChannelRecord.<ChannelRecord>find("deletedAt is null and lower(name) = lower(?1)", name.trim()).stream()
                        .anyMatch(other -> !other.id.equals(except));
        if (taken) {
            throw new InvalidChannel("A channel named '" + name.trim() + "' exists already");
        }
    }
}
