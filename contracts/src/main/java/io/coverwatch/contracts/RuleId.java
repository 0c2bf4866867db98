package io.coverwatch.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stable ID of every built-in rule (DESIGN.md §3). Evaluation raises findings under these IDs, remediation plans
 * by them and notification inhibits by them, so each is spelt once, here. An ID is part of every finding ID of its
 * rule: never change one. Rules made from Defender for Cloud's own recommendations are not listed: their ID is
 * {@link #DEFENDER_RECOMMENDATION_PREFIX} and the assessment key.
 */
public enum RuleId {
    DEFENDER_FOR_SERVERS("CW-DEF-SERVERS"),
    DEFENDER_FOR_SQL("CW-DEF-SQL"),
    DEFENDER_FOR_SQL_VM("CW-DEF-SQL-VM"),
    DEFENDER_FOR_STORAGE("CW-DEF-STORAGE"),
    DEFENDER_FOR_KEY_VAULT("CW-DEF-KEYVAULT"),
    DEFENDER_FOR_CONTAINERS("CW-DEF-CONTAINERS"),
    DEFENDER_FOR_APP_SERVICE("CW-DEF-APPSERVICE"),
    LOG_ANALYTICS_AGENT("CW-MON-LA-AGENT"),
    NOT_MONITORED("CW-MON-NOT-MONITORED"),
    AMA_DOWN("CW-AGENT-AMA-DOWN"),
    ARC_DISCONNECTED("CW-ARC-DISCONNECTED"),
    LEGACY_AGENT("CW-AGENT-LEGACY-MMA"),
    AMA_NOT_COLLECTING("CW-XSIG-AMA-NOT-COLLECTING"),
    MDE_NOT_DEPLOYED("CW-XSIG-MDE-NOT-DEPLOYED"),
    FOUNDATIONAL_CSPM("CW-CSPM-FOUNDATIONAL"),
    MCSB_ASSIGNED("CW-MCSB-ASSIGNED"),
    AMA_AUTO_PROVISIONING("CW-PROV-AMA"),
    MDE_AUTO_PROVISIONING("CW-PROV-MDE"),
    SENTINEL_WORKSPACE("CW-WS-SENTINEL"),
    DCR_SECURITY_EVENTS("CW-DCR-SECURITY-EVENTS"),
    AZURE_LOCAL_VERSION("CW-AZLOCAL-VERSION");

    /** The prefix of rules made for Defender for Cloud recommendations; the assessment key follows. */
    public static final String DEFENDER_RECOMMENDATION_PREFIX = "CW-MDC-";

    private final String id;

    RuleId(String id) {
        this.id = id;
    }

    /** The ID as findings carry it, for example {@code CW-DEF-SERVERS}. */
    public String id() {
        return id;
    }

    /** Whether a finding's rule ID is this rule's, compared case-insensitively as users may spell it. */
    public boolean is(String ruleId) {
        return id.equalsIgnoreCase(ruleId);
    }

    /** The built-in rule with this ID; empty for a Defender recommendation's rule or an unknown ID. */
    public static Optional<RuleId> of(String ruleId) {
        return Arrays.stream(values()).filter(rule -> rule.is(ruleId)).findFirst();
    }

    /** Whether a rule ID is one made from a Defender for Cloud recommendation. */
    public static boolean isDefenderRecommendation(String ruleId) {
        return ruleId != null && ruleId.regionMatches(true, 0, DEFENDER_RECOMMENDATION_PREFIX, 0, 7);
    }
}
