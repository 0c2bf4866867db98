package io.coverwatch.notification.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A channel's webhook URL: a secret (whoever holds it can post to the channel), so it is only ever shown masked, and
 * only ever points at an allowlisted host over https.
 */
public final class WebhookUrl {

    /** Longer than any Slack, Teams or Power Automate URL; anything longer is not a webhook. */
    static final int MAX_LENGTH = 2048;

    private final URI uri;

    private WebhookUrl(URI uri) {
        this.uri = uri;
    }

    /**
     * Accepts a URL only if it is absolute, https (or http to a host allowed plain http), names an allowlisted host and
     * carries no user info.
     *
     * @throws InvalidChannel naming what is wrong, never echoing the URL
     */
    public static WebhookUrl parse(String text, HostAllowlist allowlist) {
        if (text == null || text.isBlank()) {
            throw new InvalidChannel("A channel needs a webhook URL");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidChannel("The webhook URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new InvalidChannel("The webhook URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidChannel("The webhook URL must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidChannel("The webhook URL must not carry user info");
        }
        String host = uri.getHost();
        if (!allowlist.allows(host)) {
            throw new InvalidChannel("Host '" + host + "' is not on the webhook allowlist");
        }
        if (scheme.equals("http") && !allowlist.allowsPlainHttp(host)) {
            throw new InvalidChannel("The webhook URL must use https");
        }
        return new WebhookUrl(uri);
    }

    /** The URL to post to. Never log it. */
    public String secret() {
        return uri.toString();
    }

    /**
     * Enough to recognise the channel and nothing to post with: the host, the first path segment and the first two
     * characters of the second, as in {@code https://hooks.slack.com/services/T0…/…/****}.
     */
    public String masked() {
        StringBuilder masked = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() != -1) {
            masked.append(':').append(uri.getPort());
        }
        List<String> segments = uri.getRawPath() == null
                ? List.of()
                : Arrays.stream(uri.getRawPath().split("/"))
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (segments.size() > 1) {
            masked.append('/').append(segments.get(0));
        }
        if (segments.size() > 2) {
            String second = segments.get(1);
            masked.append('/').append(second, 0, Math.min(2, second.length())).append('…');
        }
        if (segments.size() > 3) {
            masked.append("/…");
        }
        if (!segments.isEmpty()) {
            masked.append("/****");
        }
        if (uri.getRawQuery() != null) {
            masked.append("?****");
        }
        return masked.toString();
    }

    /** Removes the URL, its path and its query from a text (an error message from the HTTP stack, a receiver's body). */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text.replace(uri.toString(), masked());
        for (String part : new String[] {uri.getRawQuery(), uri.getRawPath(), uri.getPath(), uri.getQuery()}) {
            if (part != null && part.length() > 1) {
                redacted = redacted.replace(part, "****");
            }
        }
        return redacted;
    }

    @Override
    public String toString() {
        return masked();
    }
}
