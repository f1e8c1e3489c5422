package io.tailor.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Each method against published reference values. GrowthBook's gbstats unit tests (growthbook/growthbook,
 * packages/stats/tests: test_frequentist.py and test_bayesian.py) give the expected numbers, rounded to 5
 * decimals there; we compare within 1e-4 (the last printed digit).
 */
class TwoSampleAnalysisTest {

    private static final double TOL = 1e-4;

    /** A mean statistic from a mean, standard deviation and n, as gbstats' Statistic(value, stddev, n). */
    private static Estimate mean(double mean, double sd, long n) {
        return new Estimate(n, mean, sd * sd / n, sd * sd);
    }

    @Test
    void frequentistTwoSidedTTestMatchesGbstats() {
        // gbstats test_frequentist.py TestTwoSidedTTest: control 0.41 (sd 3.9, n 3407), treatment 0.70 (sd 6.2,
        // n 3461): expected 0.70732, ci [-0.03526, 1.44989], uplift sd 0.37879, p 0.06191.
        var lift = TwoSampleAnalysis.lift(mean(0.41, 3.9, 3407), mean(0.41 + 0.29, 6.2, 3461));
        assertThat(lift.mean()).isCloseTo(0.70732, within(TOL));
        assertThat(lift.stdDev()).isCloseTo(0.37879, within(TOL));
        var f = TwoSampleAnalysis.frequentist(lift, 0.05);
        assertThat(f.ciLow()).isCloseTo(-0.03526, within(TOL));
        assertThat(f.ciHigh()).isCloseTo(1.44989, within(TOL));
        assertThat(f.pValue()).isCloseTo(0.06191, within(TOL));
    }

    @Test
    void frequentistOnProportionsMatchesGbstats() {
        // gbstats test_frequentist.py, proportions 14/28 vs 16/30: expected 0.06667, ci [-0.47767, 0.61101],
        // uplift sd 0.2717, p 0.80707.
        var lift = TwoSampleAnalysis.lift(
                Estimate.of(MetricKind.PROPORTION, VariationData.of(28, 14, 14)),
                Estimate.of(MetricKind.PROPORTION, VariationData.of(30, 16, 16)));
        assertThat(lift.mean()).isCloseTo(0.06667, within(TOL));
        assertThat(lift.stdDev()).isCloseTo(0.2717, within(TOL));
        var f = TwoSampleAnalysis.frequentist(lift, 0.05);
        assertThat(f.ciLow()).isCloseTo(-0.47767, within(TOL));
        assertThat(f.ciHigh()).isCloseTo(0.61101, within(TOL));
        assertThat(f.pValue()).isCloseTo(0.80707, within(TOL));
    }

    @Test
    void sequentialConfidenceSequenceMatchesGbstats() {
        // gbstats test_frequentist.py TestSequentialTTest.test_sequential_test_runs: sums 1396.87/52377.9767 (n 3000)
        // and 2422.7/134698.29 (n 3461), tuning 1000: expected 0.50336, ci [-0.55844, 1.56516], sd 0.33341.
        var lift = TwoSampleAnalysis.lift(
                Estimate.of(MetricKind.MEAN, VariationData.of(3000, 1396.87, 52377.9767)),
                Estimate.of(MetricKind.MEAN, VariationData.of(3461, 2422.7, 134698.29)));
        assertThat(lift.mean()).isCloseTo(0.50336, within(TOL));
        assertThat(lift.stdDev()).isCloseTo(0.33341, within(TOL));
        var s = TwoSampleAnalysis.sequential(lift, 0.05, 1000);
        assertThat(s.ciLow()).isCloseTo(-0.55844, within(TOL));
        assertThat(s.ciHigh()).isCloseTo(1.56516, within(TOL));
        assertThat(s.pValue()).isGreaterThan(0.05);
        // Always-valid intervals are wider than the fixed-horizon one at the same data.
        var f = TwoSampleAnalysis.frequentist(lift, 0.05);
        assertThat(s.ciHigh() - s.ciLow()).isGreaterThan(f.ciHigh() - f.ciLow());
    }

    @Test
    void bayesianGaussianMatchesGbstats() {
        // gbstats test_bayesian.py TestBinom: 49/100 vs 51/100: expected 0.04082, ci [-0.24779, 0.32943],
        // sd 0.14725, chance to win 0.60918, risk [0.0814, 0.04058].
        var lift = TwoSampleAnalysis.lift(
                Estimate.of(MetricKind.PROPORTION, VariationData.of(100, 49, 49)),
                Estimate.of(MetricKind.PROPORTION, VariationData.of(100, 51, 51)));
        var b = TwoSampleAnalysis.bayesian(lift, 0.05, false);
        assertThat(lift.mean()).isCloseTo(0.04082, within(TOL));
        assertThat(lift.stdDev()).isCloseTo(0.14725, within(TOL));
        assertThat(b.ciLow()).isCloseTo(-0.24779, within(TOL));
        assertThat(b.ciHigh()).isCloseTo(0.32943, within(TOL));
        assertThat(b.chanceToBeatControl()).isCloseTo(0.60918, within(TOL));
        assertThat(b.expectedLossControl()).isCloseTo(0.0814, within(TOL));
        assertThat(b.expectedLossTreatment()).isCloseTo(0.04058, within(2 * TOL));
        var inverse = TwoSampleAnalysis.bayesian(lift, 0.05, true);
        assertThat(inverse.chanceToBeatControl()).isCloseTo(1 - 0.60918, within(TOL));
    }

    @Test
    void ratioMetricVarianceFollowsTheDeltaMethod() {
        // Textbook delta method (e.g. Deng, Knoblich and Lu, "Applying the Delta Method in Metric Analytics",
        // KDD 2018, eq. 2) worked by hand: units (y, d) = (10,1), (30,2), (0,0), (20,1).
        // means: y 15, d 1; Var y 166.667, Var d 0.666667, Cov 10; ratio 15;
        // unit variance = 166.667/1 − 2·10·15/1 + 0.666667·225/1 = 16.667; / n=4 → 4.16667.
        VariationData d = VariationData.EMPTY;
        d = d.plus(10, 1, 0).plus(30, 2, 0).plus(0, 0, 0).plus(20, 1, 0);
        Estimate e = Estimate.of(MetricKind.RATIO, d);
        assertThat(e.value()).isCloseTo(15, within(1e-9));
        assertThat(e.variance()).isCloseTo(4.16667, within(1e-4));
    }

    @Test
    void nothingToCompareIsNullNotNaN() {
        assertThat(TwoSampleAnalysis.lift(
                        Estimate.of(MetricKind.PROPORTION, VariationData.EMPTY),
                        Estimate.of(MetricKind.PROPORTION, VariationData.of(10, 1, 1))))
                .isNull();
        assertThat(TwoSampleAnalysis.lift(
                        Estimate.of(MetricKind.PROPORTION, VariationData.of(10, 0, 0)),
                        Estimate.of(MetricKind.PROPORTION, VariationData.of(10, 1, 1))))
                .isNull();
        assertThat(Estimate.of(MetricKind.RATIO, VariationData.of(5, 3, 3)).usable())
                .isFalse();
    }

    @Test
    void sampleRatioMismatchIsAChiSquareTest() {
        // Textbook goodness of fit: 5,000 vs 5,200 against 50/50 gives χ² = 2·100²/5100 = 3.9216, p = 0.04767.
        var ok = SampleRatioCheck.of(new long[] {5000, 5200}, new double[] {0.5, 0.5}, 0.001);
        assertThat(ok.pValue()).isCloseTo(0.04767, within(1e-4));
        assertThat(ok.alarm()).isFalse();
        var skewed = SampleRatioCheck.of(new long[] {5000, 5600}, new double[] {0.5, 0.5}, 0.001);
        assertThat(skewed.alarm()).isTrue();
        assertThat(SampleRatioCheck.of(new long[] {3, 4}, new double[] {0.5, 0.5}, 0.001)
                        .status())
                .isEqualTo("not_enough_data");
    }

    @Test
    void cupedRemovesTheVarianceExplainedByThePreExposureCovariate() {
        // Deng et al. 2013: Var(adjusted) = Var(y)(1 − ρ²), θ = Cov(x, y)/Var(x). Hand-worked example with y = 2x + e,
        // x = 1..6 in both arms and e alternating ±1 (control) and ±1 shifted by +1 (treatment).
        VariationData a = VariationData.EMPTY;
        VariationData b = VariationData.EMPTY;
        for (int x = 1; x <= 6; x++) {
            double e = x % 2 == 0 ? 1 : -1;
            a = a.plus(2 * x + e, 0, x);
            b = b.plus(2 * x + e + 1, 0, x);
        }
        Cuped.Adjusted adjusted = Cuped.adjust(a, b);
        // Σ(x−x̄)(y−ȳ) per arm = 2·17.5 + Σ(x−x̄)e = 35 + 3 = 38; Σ(x−x̄)² = 17.5; θ = 76/35 = 2.171429.
        assertThat(adjusted.theta()).isCloseTo(76.0 / 35, within(1e-9));
        // The difference of means (1.0) is kept. Per arm Σ(y−ȳ)² = 88, so the residual variance is
        // (88 − 38²/17.5)/5 = 1.09714 against 88/5 = 17.6 unadjusted: 93.8% of the variance removed.
        assertThat(adjusted.treatment().value() - adjusted.control().value()).isCloseTo(1.0, within(1e-9));
        assertThat(adjusted.treatment().unitVariance()).isCloseTo((88 - 38.0 * 38 / 17.5) / 5, within(1e-9));
        assertThat(adjusted.varianceReduction()).isCloseTo(1 - (88 - 38.0 * 38 / 17.5) / 5 / 17.6, within(1e-9));
    }
}
