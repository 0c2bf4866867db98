package io.coverwatch.notification.message;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The one link a message carries: the resource in the Azure portal, as Coverwatch built it. Only an absolute https
 * URL qualifies, and every character outside RFC 3986's URI characters is percent-encoded, so that the URL can sit in
 * Slack's {@code <url|label>} (no {@code |}, {@code <}, {@code >}, spaces) or an Adaptive Card action unchanged.
 * Nothing from untrusted text is ever turned into a link.
 *
 * @param url the URL, safe to embed
 */
public record PortalLink(String url) {

    /** Longer URLs are not the portal's; they are dropped rather than blow a message's size. */
    static final int MAX_LENGTH = 2_000;

    private static final String URI_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";

    /** The portal link of a notice, or empty when its URL is missing, not https, or not a URL at all. */
    public static Optional<PortalLink> of(String portalUrl) {
        if (portalUrl == null || portalUrl.isBlank()) {
            return Optional.empty();
        }
        String encoded = percentEncoded(portalUrl.strip());
        if (encoded.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(encoded);
            boolean https = "https"
                    .equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT));
            return https && uri.getHost() != null && uri.getRawUserInfo() == null
                    ? Optional.of(new PortalLink(encoded))
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String percentEncoded(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); ) {
            int codePoint = url.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint < 0x80 && URI_CHARS.indexOf(codePoint) >= 0) {
                out.append((char) codePoint);
            } else {
                for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        }
        return out.toString();
    }
}
