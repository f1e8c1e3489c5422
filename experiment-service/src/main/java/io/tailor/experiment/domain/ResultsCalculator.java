package io.tailor.experiment.domain;

import io.tailor.experiment.stats.Cuped;
import io.tailor.experiment.stats.Estimate;
import io.tailor.experiment.stats.MetricKind;
import io.tailor.experiment.stats.SampleRatioCheck;
import io.tailor.experiment.stats.TwoSampleAnalysis;
import io.tailor.experiment.stats.VariationData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes an experiment's results from per-variation sums: SRM, then for every metric and every variation against
 * the control (index 0) the relative lift with fixed-horizon, sequential and Bayesian inference and, where the
 * metric has a pre-exposure covariate, CUPED. Plain Java, so the results path can be benchmarked and tested alone.
 */
public final class ResultsCalculator {

    private final double alpha;
    private final double sequentialTuning;
    private final double srmThreshold;

    public ResultsCalculator(double alpha, double sequentialTuning, double srmThreshold) {
        this.alpha = alpha;
        this.sequentialTuning = sequentialTuning;
        this.srmThreshold = srmThreshold;
    }

    /** A metric with its sums per variation index. */
    public record MetricInput(MetricDefinition metric, boolean guardrail, Map<Integer, VariationData> data) {}

    public ExperimentResults compute(
            String experimentKey,
            String segment,
            List<String> variationKeys,
            List<Double> weights,
            Map<Integer, Long> exposed,
            long multiple,
            List<MetricInput> metrics,
            Instant at) {
        int k = variationKeys.size();
        long[] observed = new long[k];
        double[] w = new double[k];
        List<ExperimentResults.VariationUnits> units = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            observed[i] = exposed.getOrDefault(i, 0L);
            w[i] = weights.get(i);
            units.add(new ExperimentResults.VariationUnits(variationKeys.get(i), i, w[i], observed[i]));
        }
        SampleRatioCheck srm = SampleRatioCheck.of(observed, w, srmThreshold);
        List<String> alarms = new ArrayList<>();
        if (srm.alarm()) {
            alarms.add("Sample ratio mismatch (p = " + String.format(java.util.Locale.ROOT, "%.2g", srm.pValue())
                    + "): units per variation do not match the weights; do not trust these results.");
        }
        List<ExperimentResults.MetricResult> results = new ArrayList<>();
        for (MetricInput input : metrics) {
            MetricDefinition m = input.metric();
            VariationData control = input.data().getOrDefault(0, VariationData.EMPTY);
            Estimate controlEstimate = Estimate.of(m.kind(), control);
            List<ExperimentResults.VariationMetric> variations = new ArrayList<>();
            String guardrail = input.guardrail() ? "not_enough_data" : null;
            for (int i = 0; i < k; i++) {
                VariationData d = input.data().getOrDefault(i, VariationData.EMPTY);
                Estimate e = Estimate.of(m.kind(), d);
                Double value = d.n() > 0 && Double.isFinite(e.value()) ? e.value() : null;
                ExperimentResults.Comparison comparison = i == 0 ? null : compare(m, control, d, controlEstimate, e);
                if (comparison != null && input.guardrail() && "ok".equals(comparison.status())) {
                    guardrail = worst(guardrail, guardrailStatus(comparison, m.lowerIsBetter()));
                }
                variations.add(new ExperimentResults.VariationMetric(variationKeys.get(i), d.n(), value, comparison));
            }
            if ("failing".equals(guardrail)) {
                alarms.add("Guardrail " + m.key() + " is failing: a variation makes it worse.");
            }
            results.add(new ExperimentResults.MetricResult(
                    m.key(),
                    m.name(),
                    m.kind().wireName(),
                    input.guardrail(),
                    m.lowerIsBetter(),
                    guardrail,
                    variations));
        }
        return new ExperimentResults(
                experimentKey,
                segment,
                at,
                units,
                new ExperimentResults.Srm(srm.pValue(), srm.alarm(), srm.status()),
                multiple,
                results,
                alarms);
    }

    private ExperimentResults.Comparison compare(
            MetricDefinition m, VariationData a, VariationData b, Estimate ea, Estimate eb) {
        TwoSampleAnalysis.Lift lift = TwoSampleAnalysis.lift(ea, eb);
        if (lift == null) {
            String reason = a.n() < 2 || b.n() < 2
                    ? "fewer than 2 units in a variation"
                    : ea.value() == 0 ? "the control's value is 0" : "no variance yet";
            return new ExperimentResults.Comparison("not_enough_data", reason, null, null, null, null, null);
        }
        var f = TwoSampleAnalysis.frequentist(lift, alpha);
        var s = TwoSampleAnalysis.sequential(lift, alpha, sequentialTuning);
        var bayes = TwoSampleAnalysis.bayesian(lift, alpha, m.lowerIsBetter());
        ExperimentResults.Cuped cuped = null;
        if (m.covariate() != null && m.kind() != MetricKind.RATIO) {
            Cuped.Adjusted adjusted = Cuped.adjust(a, b);
            TwoSampleAnalysis.Lift adjustedLift =
                    adjusted == null ? null : TwoSampleAnalysis.lift(adjusted.control(), adjusted.treatment());
            if (adjustedLift != null) {
                var af = TwoSampleAnalysis.frequentist(adjustedLift, alpha);
                cuped = new ExperimentResults.Cuped(
                        adjustedLift.mean(),
                        af.pValue(),
                        af.ciLow(),
                        af.ciHigh(),
                        adjusted.theta(),
                        adjusted.varianceReduction());
            }
        }
        return new ExperimentResults.Comparison(
                "ok",
                null,
                lift.mean(),
                new ExperimentResults.Frequentist(f.pValue(), f.ciLow(), f.ciHigh(), f.pValue() < alpha),
                new ExperimentResults.Sequential(s.pValue(), s.ciLow(), s.ciHigh(), s.pValue() < alpha),
                new ExperimentResults.Bayesian(
                        bayes.chanceToBeatControl(),
                        bayes.expectedLossTreatment(),
                        bayes.expectedLossControl(),
                        bayes.ciLow(),
                        bayes.ciHigh()),
                cuped);
    }

    /** failing: the always-valid interval lies wholly on the harmful side; warning: harm is 90% likely. */
    static String guardrailStatus(ExperimentResults.Comparison c, boolean lowerIsBetter) {
        boolean harmful =
                lowerIsBetter ? c.sequential().ciLow() > 0 : c.sequential().ciHigh() < 0;
        if (harmful) {
            return "failing";
        }
        return c.bayesian().chanceToBeatControl() < 0.1 ? "warning" : "ok";
    }

    private static String worst(String a, String b) {
        List<String> order = List.of("not_enough_data", "ok", "warning", "failing");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }
}
