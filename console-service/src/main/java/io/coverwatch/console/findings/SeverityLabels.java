package io.coverwatch.console.findings;

import io.coverwatch.contracts.Severity;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** A severity as people and the APIs spell it ({@code High}), not as the constant is named. */
@TemplateExtension
public final class SeverityLabels {

    private SeverityLabels() {}

    public static String label(Severity severity) {
        String name = severity.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
