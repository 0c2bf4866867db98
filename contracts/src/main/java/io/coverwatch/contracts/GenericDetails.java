package io.coverwatch.contracts;

/** A resource kind Coverwatch has no model for; it is kept and reported, never dropped. */
public record GenericDetails() implements ResourceDetails {}
