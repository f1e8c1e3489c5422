package io.tailor.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.experiment.assignment.GrowthBookHashing;
import java.util.List;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.random.Well19937c;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** Whole-method checks on simulated experiments, with fixed random seeds (reproducible). */
class SimulationTest {

    private static final double ALPHA = 0.05;

    @Test
    void assignmentOfAMillionIdsIsUniformByChiSquare() {
        int units = 1_000_000;
        List<double[]> ranges = GrowthBookHashing.bucketRanges(4, 1.0, null);
        long[] perVariation = new long[4];
        long[] perBucket = new long[100];
        for (int i = 0; i < units; i++) {
            String id = "shopper-" + i;
            double n = GrowthBookHashing.hash("uniformity-check", id, 2);
            perVariation[GrowthBookHashing.chooseVariation(n, ranges)]++;
            perBucket[(int) (n * 100)]++;
        }
        double[] equal4 = {0.25, 0.25, 0.25, 0.25};
        double[] expected4 = new double[4];
        for (int i = 0; i < 4; i++) {
            expected4[i] = units * equal4[i];
        }
        double[] expected100 = new double[100];
        java.util.Arrays.fill(expected100, units / 100.0);
        assertThat(new ChiSquareTest().chiSquareTest(expected4, perVariation)).isGreaterThan(0.001);
        assertThat(new ChiSquareTest().chiSquareTest(expected100, perBucket)).isGreaterThan(0.001);
        // Stable: the same id always lands in the same place.
        assertThat(GrowthBookHashing.hash("uniformity-check", "shopper-7", 2))
                .isEqualTo(GrowthBookHashing.hash("uniformity-check", "shopper-7", 2));
    }

    @Test
    void aSkewedExposureLogIsFlaggedAsSampleRatioMismatch() {
        List<double[]> ranges = GrowthBookHashing.bucketRanges(2, 1.0, null);
        long[] healthy = new long[2];
        long[] skewed = new long[2];
        for (int i = 0; i < 20_000; i++) {
            int v = GrowthBookHashing.chooseVariation(GrowthBookHashing.hash("srm", "u" + i, 2), ranges);
            healthy[v]++;
            // A logging bug drops every 20th exposure of the treatment.
            if (v == 0 || i % 20 != 0) {
                skewed[v]++;
            }
        }
        assertThat(SampleRatioCheck.of(healthy, new double[] {0.5, 0.5}, 0.001).alarm())
                .isFalse();
        assertThat(SampleRatioCheck.of(skewed, new double[] {0.5, 0.5}, 0.001).alarm())
                .isTrue();
    }

    @Test
    void aTrueLiftOfTwentyPercentIsDetected() {
        Well19937c random = new Well19937c(20240501L);
        VariationData a = simulateConversions(random, 20_000, 0.10);
        VariationData b = simulateConversions(random, 20_000, 0.12);
        var lift = TwoSampleAnalysis.lift(Estimate.of(MetricKind.PROPORTION, a), Estimate.of(MetricKind.PROPORTION, b));
        var f = TwoSampleAnalysis.frequentist(lift, ALPHA);
        var s = TwoSampleAnalysis.sequential(lift, ALPHA, 5000);
        var bayes = TwoSampleAnalysis.bayesian(lift, ALPHA, false);
        assertThat(f.pValue()).isLessThan(ALPHA);
        assertThat(f.ciLow()).isLessThan(0.2);
        assertThat(f.ciHigh()).isGreaterThan(0.2);
        assertThat(s.ciLow()).isGreaterThan(0);
        assertThat(bayes.chanceToBeatControl()).isGreaterThan(0.95);
    }

    @Test
    void aaTestsRejectNoMoreOftenThanTheNominalRate() {
        Well19937c random = new Well19937c(7L);
        int simulations = 200;
        int fixedRejections = 0;
        int sequentialRejections = 0;
        for (int sim = 0; sim < simulations; sim++) {
            VariationData a = simulateConversions(random, 2_000, 0.10);
            VariationData b = simulateConversions(random, 2_000, 0.10);
            var lift = TwoSampleAnalysis.lift(
                    Estimate.of(MetricKind.PROPORTION, a), Estimate.of(MetricKind.PROPORTION, b));
            if (TwoSampleAnalysis.frequentist(lift, ALPHA).pValue() < ALPHA) {
                fixedRejections++;
            }
            if (TwoSampleAnalysis.sequential(lift, ALPHA, 5000).pValue() < ALPHA) {
                sequentialRejections++;
            }
        }
        // Under the null, rejections ~ Binomial(200, 0.05): allow up to its 99.9% quantile.
        int bound = new BinomialDistribution(simulations, ALPHA).inverseCumulativeProbability(0.999);
        assertThat(fixedRejections).isLessThanOrEqualTo(bound);
        assertThat(sequentialRejections).isLessThanOrEqualTo(fixedRejections);
    }

    private static VariationData simulateConversions(Well19937c random, int units, double rate) {
        long conversions = 0;
        for (int i = 0; i < units; i++) {
            if (random.nextDouble() < rate) {
                conversions++;
            }
        }
        return VariationData.of(units, conversions, conversions);
    }
}
