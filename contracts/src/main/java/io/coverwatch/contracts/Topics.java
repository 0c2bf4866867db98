package io.coverwatch.contracts;

/** Kafka topic names. Every topic is keyed by the lower-cased Azure resource ID (findings: by finding ID). */
public final class Topics {

    /** Full current state of each resource (event-carried state transfer); log-compacted. */
    public static final String RESOURCES = "coverwatch.inventory.resources";

    /** Agent heartbeats as they arrive, keyed by the machine's resource ID. */
    public static final String HEARTBEATS = "coverwatch.inventory.heartbeats";

    /**
     * What Defender for Cloud and the workspace say about each resource: recommendations ({@link DefenderAssessment})
     * and security signals ({@link SecuritySignal}), keyed by the resource ID.
     */
    public static final String SECURITY = "coverwatch.inventory.security";

    /** Findings opened, changed and resolved by evaluation-service, keyed by finding ID. */
    public static final String FINDINGS = "coverwatch.evaluation.findings";

    /** Remediation lifecycle events, keyed by finding ID. */
    public static final String REMEDIATION_EVENTS = "coverwatch.remediation.events";

    /** Header carrying why a message was dead-lettered (the name SmallRye's dead-letter strategy writes). */
    public static final String DEAD_LETTER_REASON_HEADER = "dead-letter-reason";

    private Topics() {}

    /** The dead-letter topic for messages a consumer of {@code topic} cannot read. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
