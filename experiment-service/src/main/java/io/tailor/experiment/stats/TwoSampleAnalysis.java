package io.tailor.experiment.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Compares a treatment with the control on the relative scale (lift = treatment / control − 1), as GrowthBook's
 * gbstats does: the variance of the lift by the delta method, Var ≈ σ²_B/μ_A² + σ²_A·μ_B²/μ_A⁴, with the two
 * samples independent and large enough for the central limit theorem.
 */
public final class TwoSampleAnalysis {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private TwoSampleAnalysis() {}

    /** The relative lift and its variance. */
    public record Lift(double mean, double variance, double degreesOfFreedom, long totalUnits) {

        public double stdDev() {
            return Math.sqrt(variance);
        }
    }

    /** Fixed-horizon two-sided Welch t-test on the lift. */
    public record Frequentist(double pValue, double ciLow, double ciHigh) {}

    /** Always-valid confidence sequence on the lift (safe to look at any time). */
    public record Sequential(double pValue, double ciLow, double ciHigh) {}

    /**
     * Gaussian Bayesian result under a flat prior on the lift.
     *
     * @param expectedLossControl expected relative loss of keeping the control if the treatment is better
     * @param expectedLossTreatment expected relative loss of shipping the treatment if it is worse
     */
    public record Bayesian(
            double chanceToBeatControl,
            double expectedLossControl,
            double expectedLossTreatment,
            double ciLow,
            double ciHigh) {}

    /**
     * The relative lift of {@code b} over {@code a}, or null when it cannot be estimated (fewer than two units, a
     * zero control, no variance): the caller reports "not enough data", never NaN.
     */
    public static Lift lift(Estimate a, Estimate b) {
        if (!a.usable() || !b.usable() || a.value() == 0) {
            return null;
        }
        double ma = a.value();
        double mb = b.value();
        double variance = b.variance() / (ma * ma) + a.variance() * mb * mb / (ma * ma * ma * ma);
        if (!Double.isFinite(variance) || variance <= 0) {
            return null;
        }
        // Welch-Satterthwaite degrees of freedom from the variances of the two means.
        double df = Math.pow(a.variance() + b.variance(), 2)
                / (a.variance() * a.variance() / (a.n() - 1) + b.variance() * b.variance() / (b.n() - 1));
        return new Lift(mb / ma - 1, variance, df, a.n() + b.n());
    }

    public static Frequentist frequentist(Lift lift, double alpha) {
        TDistribution t = new TDistribution(Math.max(1, lift.degreesOfFreedom()));
        double sd = lift.stdDev();
        double statistic = lift.mean() / sd;
        double p = 2 * (1 - t.cumulativeProbability(Math.abs(statistic)));
        double q = t.inverseCumulativeProbability(1 - alpha / 2);
        return new Frequentist(clamp01(p), lift.mean() - q * sd, lift.mean() + q * sd);
    }

    /**
     * The asymptotic confidence sequence of Waudby-Smith et al. (2023), as gbstats applies it: half-width
     * sqrt(s²)·sqrt(2(Nρ²+1)/(N²ρ²)·ln(sqrt(Nρ²+1)/α)) with s² = Var(lift)·N, N all units, and ρ chosen so the
     * sequence is tightest near N = {@code tuning}. The p-value is the smallest α whose sequence excludes 0.
     */
    public static Sequential sequential(Lift lift, double alpha, double tuning) {
        double hw = sequentialHalfWidth(lift, alpha, tuning);
        double p;
        if (sequentialHalfWidth(lift, 0.999999, tuning) >= Math.abs(lift.mean())) {
            p = 1;
        } else {
            double lo = 1e-15;
            double hi = 0.999999;
            for (int i = 0; i < 100; i++) {
                double mid = Math.sqrt(lo * hi);
                if (sequentialHalfWidth(lift, mid, tuning) >= Math.abs(lift.mean())) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            p = hi;
        }
        return new Sequential(clamp01(p), lift.mean() - hw, lift.mean() + hw);
    }

    static double sequentialHalfWidth(Lift lift, double alpha, double tuning) {
        double rho2 = (-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning;
        double n = lift.totalUnits();
        double s2 = lift.variance() * n;
        return Math.sqrt(s2)
                * Math.sqrt(2 * (n * rho2 + 1) / (n * n * rho2) * Math.log(Math.sqrt(n * rho2 + 1) / alpha));
    }

    /**
     * Gaussian posterior of the lift under a flat prior: N(lift, Var). Chance to beat control = P(lift > 0) (or
     * P(lift < 0) for a metric where lower is better); expected loss E[max(±lift, 0)].
     */
    public static Bayesian bayesian(Lift lift, double alpha, boolean lowerIsBetter) {
        double mu = lift.mean();
        double sd = lift.stdDev();
        double z = mu / sd;
        double density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        double upside = mu * STANDARD_NORMAL.cumulativeProbability(z) + sd * density;
        double downside = -mu * STANDARD_NORMAL.cumulativeProbability(-z) + sd * density;
        double chance = STANDARD_NORMAL.cumulativeProbability(z);
        double q = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        return lowerIsBetter
                ? new Bayesian(1 - chance, downside, upside, mu - q * sd, mu + q * sd)
                : new Bayesian(chance, upside, downside, mu - q * sd, mu + q * sd);
    }

    private static double clamp01(double p) {
        return Math.max(0, Math.min(1, p));
    }
}
