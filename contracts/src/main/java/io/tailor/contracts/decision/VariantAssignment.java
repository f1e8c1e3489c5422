package io.tailor.contracts.decision;

/**
 * A shopper's variation in one experiment.
 *
 * @param bucket the hash bucket in [0, 1) that decided
 */
public record VariantAssignment(String experimentKey, String variationKey, int variationIndex, double bucket) {}
