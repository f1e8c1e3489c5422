package io.tailor.experiment.assignment;

import java.util.List;

/**
 * Assigns a unit to a variation, as a GrowthBook SDK does for an experiment without conditions: namespace first,
 * then the hash of seed and unit against the bucket ranges of weights and coverage.
 */
public final class Assigner {

    private Assigner() {}

    /**
     * @param hashValue the unit's value of the hash attribute; null or empty puts it out of the experiment
     * @param namespace [id, start, end] or null
     */
    public static Assignment assign(
            String hashValue,
            String seed,
            int hashVersion,
            int numVariations,
            List<Double> weights,
            double coverage,
            String namespaceId,
            Double namespaceStart,
            Double namespaceEnd) {
        if (numVariations < 2 || hashValue == null || hashValue.isEmpty()) {
            return Assignment.OUT;
        }
        if (namespaceId != null
                && !GrowthBookHashing.inNamespace(hashValue, namespaceId, namespaceStart, namespaceEnd)) {
            return Assignment.OUT;
        }
        Double n = GrowthBookHashing.hash(seed, hashValue, hashVersion);
        if (n == null) {
            return Assignment.OUT;
        }
        int variation =
                GrowthBookHashing.chooseVariation(n, GrowthBookHashing.bucketRanges(numVariations, coverage, weights));
        return variation < 0 ? new Assignment(false, -1, n, true) : new Assignment(true, variation, n, true);
    }
}
