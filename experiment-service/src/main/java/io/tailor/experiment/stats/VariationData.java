package io.tailor.experiment.stats;

/**
 * Sufficient statistics of one metric in one variation: sums over the units exposed to it. For a mean or
 * proportion metric the unit's value is {@code y}; for a ratio metric the value is {@code y / d} summed over all
 * units (for example revenue over orders); {@code x} is the unit's pre-exposure covariate for CUPED.
 *
 * @param n units
 * @param sumY sum of the unit values (the numerator of a ratio)
 * @param sumYY sum of squared unit values
 * @param sumD ratio metrics: sum of the denominators
 * @param sumDD ratio metrics: sum of squared denominators
 * @param sumYD ratio metrics: sum of numerator times denominator
 * @param sumX sum of the pre-exposure covariate (0 when none)
 * @param sumXX sum of squared covariate values
 * @param sumXY sum of covariate times value
 */
public record VariationData(
        long n,
        double sumY,
        double sumYY,
        double sumD,
        double sumDD,
        double sumYD,
        double sumX,
        double sumXX,
        double sumXY) {

    public static final VariationData EMPTY = new VariationData(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static VariationData of(long n, double sumY, double sumYY) {
        return new VariationData(n, sumY, sumYY, 0, 0, 0, 0, 0, 0);
    }

    public static VariationData ratio(long n, double sumY, double sumYY, double sumD, double sumDD, double sumYD) {
        return new VariationData(n, sumY, sumYY, sumD, sumDD, sumYD, 0, 0, 0);
    }

    public VariationData withCovariate(double sumX, double sumXX, double sumXY) {
        return new VariationData(n, sumY, sumYY, sumD, sumDD, sumYD, sumX, sumXX, sumXY);
    }

    /** Adds one unit. */
    public VariationData plus(double y, double d, double x) {
        return new VariationData(
                n + 1,
                sumY + y,
                sumYY + y * y,
                sumD + d,
                sumDD + d * d,
                sumYD + y * d,
                sumX + x,
                sumXX + x * x,
                sumXY + x * y);
    }
}
