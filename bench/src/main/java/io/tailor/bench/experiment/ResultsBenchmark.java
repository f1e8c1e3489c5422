package io.tailor.bench.experiment;

import io.tailor.bench.BenchSupport;
import io.tailor.experiment.domain.ExperimentResults;
import io.tailor.experiment.domain.MetricDefinition;
import io.tailor.experiment.domain.ResultsCalculator;
import io.tailor.experiment.stats.MetricKind;
import io.tailor.experiment.stats.VariationData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Results for 1M exposed units in 2 variations and the six default metrics: folding every unit into the
 * per-variation sums (what the SQL aggregation of MeasurementStore computes) and then the statistics (SRM,
 * frequentist, sequential, Bayesian, CUPED). Prints both times. Usage: ./bench/run.sh experiment.ResultsBenchmark
 * [units, default 1000000]
 */
public final class ResultsBenchmark {

    public static void main(String[] args) {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<MetricDefinition> metrics = List.of(
                metric("conversion_rate", MetricKind.PROPORTION, "orders"),
                metric("revenue_per_visitor", MetricKind.MEAN, "revenue"),
                metric("average_order_value", MetricKind.RATIO, null),
                metric("add_to_cart_rate", MetricKind.PROPORTION, "orders"),
                metric("repeat_purchase_30d", MetricKind.PROPORTION, "orders"),
                metric("email_click_rate", MetricKind.PROPORTION, null));
        ResultsCalculator calculator = new ResultsCalculator(0.05, 5000, 0.001);
        for (int round = 0; round < 3; round++) {
            SplittableRandom random = new SplittableRandom(round);
            long t0 = System.nanoTime();
            List<Map<Integer, VariationData>> sums = new ArrayList<>();
            for (int m = 0; m < metrics.size(); m++) {
                Map<Integer, VariationData> byVariation = new HashMap<>();
                byVariation.put(0, VariationData.EMPTY);
                byVariation.put(1, VariationData.EMPTY);
                sums.add(byVariation);
            }
            double[][][] acc = new double[metrics.size()][2][9];
            for (int u = 0; u < units; u++) {
                int v = u & 1;
                double preOrders = random.nextInt(4);
                boolean converts = random.nextDouble() < (v == 0 ? 0.10 : 0.11) + preOrders * 0.01;
                double revenue = converts ? 20 + random.nextDouble() * 80 : 0;
                for (int m = 0; m < metrics.size(); m++) {
                    double y = m == 1 || m == 2 ? revenue : converts ? 1 : 0;
                    double d = m == 2 ? (converts ? 1 : 0) : 0;
                    double x = m == 1 ? preOrders * 40 : preOrders;
                    double[] a = acc[m][v];
                    a[0]++;
                    a[1] += y;
                    a[2] += y * y;
                    a[3] += d;
                    a[4] += d * d;
                    a[5] += y * d;
                    a[6] += x;
                    a[7] += x * x;
                    a[8] += x * y;
                }
            }
            long t1 = System.nanoTime();
            List<ResultsCalculator.MetricInput> inputs = new ArrayList<>();
            Map<Integer, Long> exposed = new HashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                Map<Integer, VariationData> byVariation = new HashMap<>();
                for (int v = 0; v < 2; v++) {
                    double[] a = acc[m][v];
                    byVariation.put(v, new VariationData((long) a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]));
                    exposed.put(v, (long) a[0]);
                }
                inputs.add(new ResultsCalculator.MetricInput(metrics.get(m), m == 3, byVariation));
            }
            ExperimentResults r = calculator.compute(
                    "bench",
                    null,
                    List.of("control", "treatment"),
                    List.of(0.5, 0.5),
                    exposed,
                    0,
                    inputs,
                    Instant.now());
            long t2 = System.nanoTime();
            if (round == 2) {
                BenchSupport.machine();
                System.out.printf(
                        java.util.Locale.ROOT,
                        "units: %d, metrics: %d; folding units into sums: %.1f ms; statistics: %.2f ms;"
                                + " conversion lift %.4f (p %.4f)%n",
                        units,
                        metrics.size(),
                        (t1 - t0) / 1e6,
                        (t2 - t1) / 1e6,
                        r.metrics().get(0).variations().get(1).comparison().relativeLift(),
                        r.metrics()
                                .get(0)
                                .variations()
                                .get(1)
                                .comparison()
                                .frequentist()
                                .pValue());
            }
        }
    }

    private static MetricDefinition metric(String key, MetricKind kind, String covariate) {
        return new MetricDefinition(
                key,
                key,
                kind,
                "order_completed",
                "count",
                1,
                null,
                kind == MetricKind.RATIO ? "order_completed" : null,
                kind == MetricKind.RATIO ? "count" : null,
                false,
                covariate);
    }
}
