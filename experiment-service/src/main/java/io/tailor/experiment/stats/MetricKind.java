package io.tailor.experiment.stats;

import java.util.Locale;

/** How a metric's per-unit values are summarised. */
public enum MetricKind {
    /** Share of units with at least one (or N) qualifying events: conversion rate, add-to-cart rate. */
    PROPORTION,
    /** Mean per unit of a value, including units with none: revenue per visitor. */
    MEAN,
    /** Sum of a numerator over sum of a denominator across units: average order value (revenue / orders). */
    RATIO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
