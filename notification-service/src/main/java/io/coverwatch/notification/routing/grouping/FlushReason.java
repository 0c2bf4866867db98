package io.coverwatch.notification.routing.grouping;

/** Why a group's message goes out. */
public enum FlushReason {
    /** The group's first message, group_wait after its first notice. */
    FIRST,
    /** Notices fired, came back from a mute, or resolved since the last message; group_interval after it. */
    CHANGED,
    /** Nothing changed, but repeat_interval has passed since the last message and notices still fire. */
    REPEAT
}
