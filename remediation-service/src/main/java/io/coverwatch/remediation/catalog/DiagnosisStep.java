package io.coverwatch.remediation.catalog;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The troubleshooting step a {@code CW-MON-NOT-MONITORED} finding's diagnosis names, read from its text
 * {@code Step N (Label): detail} (evaluation-service's TroubleshootingStep labels; two steps share number 6, so the
 * label decides).
 */
enum DiagnosisStep {
    SERVERS_PLAN("Defender for Servers plan"),
    AUTO_PROVISIONING("Auto-provisioning"),
    OPERATING_SYSTEM("Operating system"),
    OUTBOUND_CONNECTIVITY("Outbound connectivity"),
    EXTENSION_POLICY("Azure Policy"),
    PERMISSIONS("Permissions"),
    EXTENSION_STATUS("Extension status");

    private static final Pattern STEP = Pattern.compile("^Step \\d+ \\(([^)]+)\\): ", Pattern.DOTALL);

    private final String label;

    DiagnosisStep(String label) {
        this.label = label;
    }

    /** The step a diagnosis names; empty for a diagnosis without a failing step (an unmet condition instead). */
    static Optional<DiagnosisStep> of(String diagnosis) {
        if (diagnosis == null) {
            return Optional.empty();
        }
        Matcher matcher = STEP.matcher(diagnosis);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(step -> step.label.equalsIgnoreCase(matcher.group(1)))
                .findFirst();
    }
}
