package io.coverwatch.security;

import java.util.List;

/**
 * Coverwatch's app roles, as registered on its app in Microsoft Entra ID and carried in the token's {@code roles}
 * claim. Each endpoint names the one role it needs: a person who operates and reads is assigned both.
 */
public final class Roles {

    /** Every GET: findings, coverage, agents, alerts, remediations, channels (masked), deliveries, audit fields. */
    public static final String READER = "Coverwatch.Reader";

    /** Day-to-day changes: silences, exemptions, demo scenarios, the test alert, Azure sync, delivery re-drive. */
    public static final String OPERATOR = "Coverwatch.Operator";

    /** Approves or rejects a remediation; never one they requested themselves. */
    public static final String APPROVER = "Coverwatch.Approver";

    /** Configuration: channels, routes, remediation policies, the kill switch. */
    public static final String ADMIN = "Coverwatch.Admin";

    /**
     * Machines that feed inventory: resource submissions and deletions, heartbeat batches. A separate role so that a
     * script pushing heartbeats cannot silence an alert.
     */
    public static final String INGEST = "Coverwatch.Ingest";

    /** All of them, in the order the README lists them. */
    public static final List<String> ALL = List.of(READER, OPERATOR, APPROVER, ADMIN, INGEST);

    private Roles() {}
}
