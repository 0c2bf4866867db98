package io.coverwatch.notification.channel;

import java.util.List;
import java.util.Locale;

/**
 * The hosts channels may point to. An entry is a host name ({@code hooks.slack.com}) or {@code *.} and a domain
 * ({@code *.logic.azure.com}), which matches any subdomain of it at any depth, not the domain itself.
 *
 * @param allowed   every host a channel may name
 * @param plainHttp the allowed hosts that may be reached over plain http (a local test receiver; none in production)
 */
public record HostAllowlist(List<String> allowed, List<String> plainHttp) {

    public HostAllowlist {
        allowed = allowed.stream().map(HostAllowlist::normalize).toList();
        plainHttp = plainHttp.stream().map(HostAllowlist::normalize).toList();
    }

    public boolean allows(String host) {
        return matchesAny(allowed, normalize(host));
    }

    public boolean allowsPlainHttp(String host) {
        return matchesAny(plainHttp, normalize(host));
    }

    private static boolean matchesAny(List<String> entries, String host) {
        return entries.stream()
                .anyMatch(entry -> entry.startsWith("*.") ? host.endsWith(entry.substring(1)) : host.equals(entry));
    }

    /** Host names compare case-insensitively, and {@code example.com.} is {@code example.com}. */
    private static String normalize(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
