package io.coverwatch.notification.message.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.notification.message.ChannelJson;
import io.coverwatch.notification.message.NoticeWording;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic JSON webhook: a group's body in a stable, versioned schema, signed so that a receiver can tell it came
 * from Coverwatch and was not replayed.
 *
 * <h2>Body (version 1)</h2>
 *
 * <pre>{@code
 * {
 *   "version": "1",
 *   "groupKey": "<the group's stable key>",
 *   "labels": { "<group_by label>": "<value>" },
 *   "firing":   [ <notice> ],
 *   "resolved": [ <notice> ]
 * }
 * <notice> = {
 *   "key": "<finding ID>", "kind": "FINDING" | "REMEDIATION_PLANNED" | "REMEDIATION_AWAITING_APPROVAL"
 *          | "REMEDIATION_EXECUTED" | "REMEDIATION_VERIFIED" | "REMEDIATION_FAILED" | "REMEDIATION_ESCALATED",
 *   "status": "firing" | "resolved", "ruleId", "title", "severity": "High" | "Medium" | "Low" | null,
 *   "resourceId", "resourceType", "resourceName", "subscriptionId", "tags": { },
 *   "diagnosis", "remediation", "portalUrl",
 *   "startsAt": "<ISO-8601, to the second>", "endsAt": "<ISO-8601, to the second>" | null,
 *   "resourceGroup", "subscriptionName",
 *   "diagnosisStep": "SERVERS_PLAN" | "AUTO_PROVISIONING" | … | null (the machine's first failing step),
 *   "fix": "<that step's fix, else the finding's or step's remediation>",
 *   "exclusionReason": "<why a resolved notice was excluded>" | null, "consoleUrl"
 * }
 * }</pre>
 *
 * Every field is always present (null when unknown); text is as the estate spells it, unescaped: receivers escape for
 * their own medium. Fields may be added within version 1; none is removed or changes meaning.
 *
 * <h2>Signature</h2>
 *
 * {@value #TIMESTAMP_HEADER} carries the send time in epoch seconds; {@value #SIGNATURE_HEADER} carries
 * {@code sha256=<lowercase hex HMAC-SHA256(secret, "<timestamp>.<body>")>}, the body as its UTF-8 bytes. A receiver
 * recomputes it, compares in constant time and refuses a timestamp outside its tolerance ({@link #verify}).
 */
public final class SignedWebhook {

    public static final String TIMESTAMP_HEADER = "X-Coverwatch-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Coverwatch-Signature";
    public static final String SCHEMA_VERSION = "1";
    /** How far a receiver lets a timestamp stray from its clock, either way, unless it says otherwise. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final String SCHEME = "sha256=";

    private final SecretKeySpec key;

    /** @param secret the channel's shared secret; never logged, never shown by {@link #toString()} */
    public SignedWebhook(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The group's body, version {@value #SCHEMA_VERSION} of the schema above. */
    public static String body(NoticeGroup group) {
        ObjectNode body = ChannelJson.object().put("version", SCHEMA_VERSION).put("groupKey", group.groupKey());
        body.set("labels", ChannelJson.value(new TreeMap<>(group.groupLabels())));
        notices(body.putArray("firing"), group.firing());
        notices(body.putArray("resolved"), group.resolved());
        return ChannelJson.write(body);
    }

    /** The headers to send {@code body} with at {@code now}: the timestamp and its signature, in that order. */
    public Map<String, String> headers(String body, Instant now) {
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(SIGNATURE_HEADER, signature(body, timestamp));
        return headers;
    }

    /** {@code sha256=<hex>} of {@code "<timestamp>.<body>"}. */
    public String signature(String body, long timestamp) {
        return SCHEME + HexFormat.of().formatHex(mac(timestamp + "." + body));
    }

    /**
     * Whether a received body is Coverwatch's, as sent at the given timestamp, and recent enough.
     *
     * @param timestamp the {@value #TIMESTAMP_HEADER} header as received (may be null or malformed: refused)
     * @param signature the {@value #SIGNATURE_HEADER} header as received (may be null or malformed: refused)
     * @param now       the receiver's clock
     * @param tolerance how far the timestamp may be from {@code now}, either way
     */
    public boolean verify(String body, String timestamp, String signature, Instant now, Duration tolerance) {
        if (body == null || timestamp == null || signature == null || !signature.startsWith(SCHEME)) {
            return false;
        }
        long sentAt;
        byte[] received;
        try {
            sentAt = Long.parseLong(timestamp);
            received = HexFormat.of().parseHex(signature.substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        long earliest = now.getEpochSecond() - tolerance.toSeconds();
        long latest = now.getEpochSecond() + tolerance.toSeconds();
        if (sentAt < earliest || sentAt > latest) {
            return false;
        }
        // Signed over the header exactly as received: the sender signed its own spelling of the timestamp.
        return MessageDigest.isEqual(mac(timestamp + "." + body), received);
    }

    /** {@link #verify(String, String, String, Instant, Duration)} with {@link #DEFAULT_TOLERANCE}. */
    public boolean verify(String body, String timestamp, String signature, Instant now) {
        return verify(body, timestamp, signature, now, DEFAULT_TOLERANCE);
    }

    @Override
    public String toString() {
        return "SignedWebhook[secret=***]";
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java runtime has HmacSHA256, and any non-empty key fits it.
            throw new IllegalStateException(e);
        }
    }

    /** To the second: no reader needs Java's nanoseconds. */
    private static Instant stamp(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String emptyAsNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static void notices(ArrayNode array, List<Notice> notices) {
        for (Notice notice : notices) {
            ObjectNode node = array.addObject()
                    .put("key", notice.key())
                    .put("kind", notice.kind().name())
                    .put("status", notice.firing() ? "firing" : "resolved")
                    .put("ruleId", notice.ruleId())
                    .put("title", notice.title());
            node.set("severity", ChannelJson.value(notice.severity()));
            node.put("resourceId", notice.resourceId())
                    .put("resourceType", notice.resourceType())
                    .put("resourceName", notice.resourceName())
                    .put("subscriptionId", notice.subscriptionId());
            node.set("tags", ChannelJson.value(new TreeMap<>(notice.tags())));
            node.put("diagnosis", notice.diagnosis())
                    .put("remediation", notice.remediation())
                    .put("portalUrl", notice.portalUrl())
                    .put("startsAt", Objects.toString(stamp(notice.startsAt()), null))
                    .put("endsAt", Objects.toString(stamp(notice.endsAt()), null))
                    .put("resourceGroup", emptyAsNull(NoticeWording.resourceGroup(notice)))
                    .put("subscriptionName", notice.subscriptionName())
                    .put(
                            "diagnosisStep",
                            notice.diagnosisStep() == null
                                    ? null
                                    : notice.diagnosisStep().name())
                    .put("fix", NoticeWording.fix(notice))
                    .put("exclusionReason", notice.exclusionReason())
                    .put("consoleUrl", notice.consoleUrl());
        }
    }
}
