package io.coverwatch.remediation.catalog;

/** A machine's OS family, which decides the agent extension's type. */
public enum OsType {
    WINDOWS,
    LINUX
}
