package io.tailor.experiment.assignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deterministic bucketing compatible with the published GrowthBook SDKs (spec in their language-agnostic test
 * cases, which {@code GrowthBookConformanceTest} replays): FNV-1a 32-bit over UTF-16 code units, hash versions 1 and
 * 2, bucket ranges from weights and coverage, and namespaces. A store using a GrowthBook SDK in the browser gets the
 * same variation as Tailor on the server.
 */
public final class GrowthBookHashing {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private GrowthBookHashing() {}

    /** FNV-1a 32-bit of the string's UTF-16 code units, as an unsigned value. */
    static long fnv1a32(String value) {
        int hash = FNV_OFFSET;
        for (int i = 0; i < value.length(); i++) {
            hash ^= value.charAt(i);
            hash *= FNV_PRIME;
        }
        return Integer.toUnsignedLong(hash);
    }

    /**
     * The unit's position in [0, 1) for a seed, or null for an unknown hash version. Version 1: fnv(value + seed)
     * mod 1000 / 1000. Version 2: fnv(decimal string of fnv(seed + value)) mod 10000 / 10000.
     */
    public static Double hash(String seed, String value, int version) {
        return switch (version) {
            case 1 -> (fnv1a32(value + seed) % 1000) / 1000.0;
            case 2 -> (fnv1a32(Long.toString(fnv1a32(seed + value))) % 10000) / 10000.0;
            default -> null;
        };
    }

    /** Equal weights for n variations; none for n < 1. */
    public static List<Double> equalWeights(int n) {
        if (n <= 0) {
            return List.of();
        }
        Double[] weights = new Double[n];
        Arrays.fill(weights, 1.0 / n);
        return List.of(weights);
    }

    /**
     * The [start, end) range of each variation: weights laid end to end, each range covering its weight times the
     * coverage. Coverage is clamped to [0, 1]; weights of the wrong count, or not summing to 1 (within 0.99-1.01),
     * are replaced by equal weights.
     */
    public static List<double[]> bucketRanges(int numVariations, double coverage, List<Double> weights) {
        double c = Math.max(0, Math.min(1, coverage));
        List<Double> w = weights == null || weights.size() != numVariations ? equalWeights(numVariations) : weights;
        double sum = w.stream().mapToDouble(Double::doubleValue).sum();
        if (sum < 0.99 || sum > 1.01) {
            w = equalWeights(numVariations);
        }
        List<double[]> ranges = new ArrayList<>(numVariations);
        double cumulative = 0;
        for (double weight : w) {
            double start = cumulative;
            cumulative += weight;
            ranges.add(new double[] {start, start + c * weight});
        }
        return ranges;
    }

    /** The variation whose range holds n, or -1 when none does (the unit is not in the experiment). */
    public static int chooseVariation(double n, List<double[]> ranges) {
        for (int i = 0; i < ranges.size(); i++) {
            if (n >= ranges.get(i)[0] && n < ranges.get(i)[1]) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the unit falls in the namespace's [start, end) share of the namespace id. */
    public static boolean inNamespace(String hashValue, String namespaceId, double start, double end) {
        Double n = hash("__" + namespaceId, hashValue, 1);
        return n != null && n >= start && n < end;
    }
}
