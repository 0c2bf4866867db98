package io.coverwatch.remediation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of remediation-service ({@code coverwatch.remediation.*}). */
@ConfigMapping(prefix = "coverwatch.remediation")
public interface RemediationConfig {

    /** Describe what each action would do without doing it. On by default: a fresh install changes nothing. */
    @WithDefault("true")
    boolean dryRun();
}
