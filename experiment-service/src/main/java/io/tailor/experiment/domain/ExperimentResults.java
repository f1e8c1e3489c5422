package io.tailor.experiment.domain;

import java.time.Instant;
import java.util.List;

/**
 * The results of one experiment, as the results API answers them. Numbers are absent (null) where they cannot be
 * computed, with a status saying why; never NaN.
 *
 * @param segment the segment the results are restricted to, or null for everyone
 * @param multipleExposures units seen in more than one variation, left out of the metrics
 * @param alarms human-readable alarms (sample-ratio mismatch, failing guardrails)
 */
public record ExperimentResults(
        String experimentKey,
        String segment,
        Instant computedAt,
        List<VariationUnits> variations,
        Srm srm,
        long multipleExposures,
        List<MetricResult> metrics,
        List<String> alarms) {

    public record VariationUnits(String key, int index, double weight, long units) {}

    public record Srm(Double pValue, boolean alarm, String status) {}

    /**
     * @param guardrailStatus for guardrails: ok, warning (likely worse), failing (worse with always-valid
     *     confidence), not_enough_data
     */
    public record MetricResult(
            String metric,
            String name,
            String kind,
            boolean guardrail,
            boolean lowerIsBetter,
            String guardrailStatus,
            List<VariationMetric> variations) {}

    /**
     * @param value the metric's value in this variation (null without units)
     * @param comparison against the control; null for the control itself
     */
    public record VariationMetric(String key, long units, Double value, Comparison comparison) {}

    /**
     * @param status ok or not_enough_data
     * @param reason why there is not enough data
     */
    public record Comparison(
            String status,
            String reason,
            Double relativeLift,
            Frequentist frequentist,
            Sequential sequential,
            Bayesian bayesian,
            Cuped cuped) {}

    public record Frequentist(double pValue, double ciLow, double ciHigh, boolean significant) {}

    public record Sequential(double pValue, double ciLow, double ciHigh, boolean significant) {}

    public record Bayesian(
            double chanceToBeatControl, double expectedLoss, double riskOfControl, double ciLow, double ciHigh) {}

    public record Cuped(
            double relativeLift, double pValue, double ciLow, double ciHigh, double theta, double varianceReduction) {}
}
