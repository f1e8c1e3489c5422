package io.tailor.bench.experiment;

import com.google.protobuf.Message;
import io.tailor.bench.BenchSupport;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.experiment.assignment.Assignment;
import io.tailor.experiment.assignment.CompiledExperiment;
import io.tailor.experiment.assignment.GrowthBookHashing;
import io.tailor.experiment.service.TargetingRules;
import io.tailor.rules.RuleEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The experiment-service decide path in process: one shopper assigned to 50 running experiments (10 of them with a
 * CEL targeting rule on the request, 10 with segment targeting, 5 in a namespace), as AssignmentService does it
 * after its Redis reads. Prints decisions/s, assignments/s and the latency of one decision (all 50 experiments).
 * Usage: ./bench/run.sh experiment.AssignmentBenchmark [decisions, default 300000]
 */
public final class AssignmentBenchmark {

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        TargetingRules rules = new TargetingRules();
        RuleEngine.Compiled productPages = rules.compile(
                        "request.pageType == 'product' || request.utm.source == 'newsletter'", "rule")
                .rule();
        List<CompiledExperiment> experiments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int variations = 2 + i % 3;
            experiments.add(new CompiledExperiment(
                    "exp-" + i,
                    java.util.stream.IntStream.range(0, variations)
                            .mapToObj(v -> "v" + v)
                            .toList(),
                    GrowthBookHashing.bucketRanges(variations, i % 4 == 0 ? 0.5 : 1.0, null),
                    "exp-" + i,
                    i % 5 == 0 ? 1 : 2,
                    "id",
                    i % 10 == 9 ? "ns" : null,
                    (i / 10) * 0.2,
                    (i / 10) * 0.2 + 0.2,
                    i % 5 == 1 ? Set.of("repeat-customer") : Set.of(),
                    i % 5 == 2 ? productPages : null,
                    Map.of(),
                    null));
        }
        Map<String, Object> memberships = Map.of("repeat-customer", 1L);
        RequestContext context =
                new RequestContext("product", null, "p-1", List.of("home"), null, null, null, null, null, null, null);
        Histogram micros = BenchSupport.histogram();
        long assigned = 0;
        // Warm-up, then measure.
        for (int round = 0; round < 2; round++) {
            micros.reset();
            assigned = 0;
            long started = System.nanoTime();
            for (int d = 0; d < decisions; d++) {
                ShopperRef shopper = new ShopperRef("anon-" + d, d % 3 == 0 ? "cust-" + d : null);
                long t0 = System.nanoTime();
                Message request = rules.request(context);
                Message profile = null;
                int in = 0;
                for (CompiledExperiment e : experiments) {
                    if (e.forcedIndex(shopper) >= 0 || !e.segmentsAllow(memberships)) {
                        continue;
                    }
                    if (e.rule() != null) {
                        if (profile == null) {
                            profile = rules.profile(null);
                        }
                        if (!rules.matches(e.rule(), profile, request)) {
                            continue;
                        }
                    }
                    Assignment a = e.assign(shopper);
                    if (a.inExperiment()) {
                        in++;
                    }
                }
                micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                assigned += in;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (round == 1) {
                BenchSupport.machine();
                System.out.printf(
                        java.util.Locale.ROOT,
                        "decisions: %d (50 running experiments each), %.0f decisions/s, %.0f experiment"
                                + " assignments/s (%d in-experiment results)%n",
                        decisions,
                        decisions / seconds,
                        decisions * 50 / seconds,
                        assigned);
                System.out.println(BenchSupport.latencies("one decision, 50 experiments", micros));
            }
        }
    }
}
