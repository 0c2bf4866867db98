package io.coverwatch.notification.intake;

import java.util.Optional;

/** Links into Coverwatch's own console, when one is configured. */
final class ConsoleLinks {

    private ConsoleLinks() {}

    /** The console's page of a finding; null without a console. */
    static String finding(Optional<String> console, String findingId) {
        return console.filter(url -> !url.isBlank())
                .map(url -> (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/findings/" + findingId)
                .orElse(null);
    }
}
