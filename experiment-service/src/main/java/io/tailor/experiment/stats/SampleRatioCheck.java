package io.tailor.experiment.stats;

import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * Sample-ratio mismatch: a chi-square goodness-of-fit test of the units per variation against the configured
 * weights. A p-value below the threshold (GrowthBook's default 0.001) means the assignment or the logging is broken
 * and the results cannot be trusted.
 *
 * @param pValue null when there are too few units to test
 */
public record SampleRatioCheck(Double pValue, boolean alarm, String status) {

    public static final double DEFAULT_THRESHOLD = 0.001;
    private static final int MIN_UNITS = 20;

    public static SampleRatioCheck of(long[] observed, double[] weights, double threshold) {
        long total = 0;
        int positive = 0;
        for (int i = 0; i < observed.length; i++) {
            total += observed[i];
            if (weights[i] > 0) {
                positive++;
            }
        }
        if (total < MIN_UNITS || positive < 2) {
            return new SampleRatioCheck(null, false, "not_enough_data");
        }
        double weightSum = 0;
        for (double w : weights) {
            weightSum += Math.max(0, w);
        }
        double[] expected = new double[positive];
        long[] seen = new long[positive];
        int j = 0;
        for (int i = 0; i < observed.length; i++) {
            if (weights[i] > 0) {
                expected[j] = total * weights[i] / weightSum;
                seen[j++] = observed[i];
            } else if (observed[i] > 0) {
                return new SampleRatioCheck(0.0, true, "mismatch");
            }
        }
        double p = new ChiSquareTest().chiSquareTest(expected, seen);
        boolean alarm = p < threshold;
        return new SampleRatioCheck(p, alarm, alarm ? "mismatch" : "ok");
    }
}
