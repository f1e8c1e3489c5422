package io.tailor.experiment.stats;

/**
 * A variation's metric estimate: the value and the variance of that estimate (not of a unit).
 *
 * @param unitVariance the per-unit variance (for degrees of freedom)
 */
public record Estimate(long n, double value, double variance, double unitVariance) {

    /** Whether the estimate can be compared: at least two units, a finite value and a positive variance. */
    public boolean usable() {
        return n >= 2 && Double.isFinite(value) && Double.isFinite(variance) && variance > 0;
    }

    /**
     * The estimate of a metric from its sums. Proportions use p(1-p); means the sample variance; ratios the delta
     * method: Var(Y/D) ≈ (σ²_Y/μ_D² − 2·σ_YD·μ_Y/μ_D³ + σ²_D·μ_Y²/μ_D⁴)/n.
     */
    public static Estimate of(MetricKind kind, VariationData d) {
        long n = d.n();
        if (n < 1) {
            return new Estimate(0, 0, 0, 0);
        }
        double my = d.sumY() / n;
        return switch (kind) {
            case PROPORTION -> {
                double v = my * (1 - my);
                yield new Estimate(n, my, v / n, v);
            }
            case MEAN -> {
                double v = n < 2 ? 0 : Math.max(0, (d.sumYY() - d.sumY() * d.sumY() / n) / (n - 1));
                yield new Estimate(n, my, v / n, v);
            }
            case RATIO -> {
                double md = d.sumD() / n;
                if (md == 0 || n < 2) {
                    yield new Estimate(n, md == 0 ? Double.NaN : my / md, Double.NaN, Double.NaN);
                }
                double vy = (d.sumYY() - d.sumY() * d.sumY() / n) / (n - 1);
                double vd = (d.sumDD() - d.sumD() * d.sumD() / n) / (n - 1);
                double cyd = (d.sumYD() - d.sumY() * d.sumD() / n) / (n - 1);
                double unit = vy / (md * md) - 2 * cyd * my / (md * md * md) + vd * my * my / (md * md * md * md);
                unit = Math.max(0, unit);
                yield new Estimate(n, my / md, unit / n, unit);
            }
        };
    }
}
