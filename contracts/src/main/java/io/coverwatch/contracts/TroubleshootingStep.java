package io.coverwatch.contracts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Seed 001's troubleshooting order for a machine shown as "Not monitored", walked in declaration order. The seed's
 * failure 4 (missing permissions) is found in step 6's extension messages; it is checked just before the plain
 * extension status so that the walk names the cause rather than the symptom.
 */
@Schema(
        description = "A step of seed 001's troubleshooting order for a machine shown as Not monitored: SERVERS_PLAN,"
                + " AUTO_PROVISIONING, OPERATING_SYSTEM, OUTBOUND_CONNECTIVITY, EXTENSION_POLICY, PERMISSIONS,"
                + " EXTENSION_STATUS.")
public enum TroubleshootingStep {
    SERVERS_PLAN(1, "Defender for Servers plan", "Is Defender for Servers enabled on the subscription?"),
    AUTO_PROVISIONING(2, "Auto-provisioning", "Is auto-provisioning enabled?"),
    OPERATING_SYSTEM(3, "Operating system", "Is the machine's OS supported?"),
    OUTBOUND_CONNECTIVITY(4, "Outbound connectivity", "Does the machine have outbound connectivity?"),
    EXTENSION_POLICY(5, "Azure Policy", "Are there Azure Policy restrictions blocking extensions?"),
    PERMISSIONS(6, "Permissions", "May Defender for Cloud create extensions in the resource group?"),
    EXTENSION_STATUS(6, "Extension status", "What does the machine's extension status say?");

    private final int number;
    private final String label;
    private final String question;

    TroubleshootingStep(int number, String label, String question) {
        this.number = number;
        this.label = label;
        this.question = question;
    }

    /** The step's number in the seed's order. */
    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    /** The seed's question. */
    public String question() {
        return question;
    }
}
