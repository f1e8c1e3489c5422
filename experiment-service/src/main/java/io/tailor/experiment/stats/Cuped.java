package io.tailor.experiment.stats;

/**
 * CUPED variance reduction (Deng, Xu, Kohavi and Walker, "Improving the sensitivity of online controlled
 * experiments by utilizing pre-experiment data", WSDM 2013): each unit's value y is replaced by y − θ(x − x̄) with x
 * its pre-exposure covariate and θ = Cov(x, y)/Var(x) pooled within variations. The expected difference between
 * variations is unchanged (x is independent of assignment); the variance shrinks by the factor 1 − ρ².
 * Applies to mean and proportion metrics.
 */
public final class Cuped {

    private Cuped() {}

    /** The adjusted control and treatment estimates, θ and the share of variance removed in the treatment. */
    public record Adjusted(Estimate control, Estimate treatment, double theta, double varianceReduction) {}

    /** Null when the covariate has no variance or there are too few units. */
    public static Adjusted adjust(VariationData a, VariationData b) {
        if (a.n() < 3 || b.n() < 3) {
            return null;
        }
        double sxxA = a.sumXX() - a.sumX() * a.sumX() / a.n();
        double sxxB = b.sumXX() - b.sumX() * b.sumX() / b.n();
        double sxyA = a.sumXY() - a.sumX() * a.sumY() / a.n();
        double sxyB = b.sumXY() - b.sumX() * b.sumY() / b.n();
        if (sxxA + sxxB <= 0) {
            return null;
        }
        double theta = (sxyA + sxyB) / (sxxA + sxxB);
        double meanX = (a.sumX() + b.sumX()) / (a.n() + b.n());
        Estimate ea = adjusted(a, theta, meanX, sxxA, sxyA);
        Estimate eb = adjusted(b, theta, meanX, sxxB, sxyB);
        double raw = Estimate.of(MetricKind.MEAN, b).variance();
        return new Adjusted(ea, eb, theta, raw > 0 ? 1 - eb.variance() / raw : 0);
    }

    private static Estimate adjusted(VariationData d, double theta, double meanX, double sxx, double sxy) {
        long n = d.n();
        double syy = d.sumYY() - d.sumY() * d.sumY() / n;
        double unit = Math.max(0, (syy + theta * theta * sxx - 2 * theta * sxy) / (n - 1));
        double mean = d.sumY() / n - theta * (d.sumX() / n - meanX);
        return new Estimate(n, mean, unit / n, unit);
    }
}
