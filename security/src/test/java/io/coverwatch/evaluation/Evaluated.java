package io.coverwatch.evaluation;

/** Stands for a class of another service, for {@code FloorPlanRulesTest}. */
public final class Evaluated {}
