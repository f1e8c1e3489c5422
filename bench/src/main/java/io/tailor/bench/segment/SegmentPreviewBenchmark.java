package io.tailor.bench.segment;

import io.tailor.bench.BenchSupport;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.RfmModel;
import io.tailor.segment.domain.RuleScan;
import io.tailor.segment.domain.SegmentRule;
import io.tailor.segment.domain.SegmentTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * A preview over N profiles (default 100,000: the real retail history's profiles, copied under other ids), as
 * segment-service runs it: one rule over the in-memory profile index on one thread per core, decoding only the
 * fields the rule reads, counting matches and keeping a sample. Also the memory the index takes.
 *
 * <p>Usage: {@code ./bench/run.sh segment.SegmentPreviewBenchmark [profiles=100000] [rounds=5]}
 */
public final class SegmentPreviewBenchmark {

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        BenchSupport.machine();
        Instant now = Instant.now();
        ProfileIndex index = new ProfileIndex();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        for (int copy = 0; index.size() < count; copy++) {
            for (ProfileSnapshot p : BenchProfiles.retail("preview-" + copy, now)) {
                if (index.size() >= count) {
                    break;
                }
                index.put(p);
            }
        }
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        RfmModel rfm = RfmModel.compute(index.facts(), now);
        System.out.printf(
                Locale.ROOT,
                "profiles=%d index≈%d MiB (%.1f KB per profile), rfm buyers=%d%n",
                index.size(),
                (heapAfter - heapBefore) >> 20,
                (heapAfter - heapBefore) / 1024.0 / index.size(),
                rfm.buyers());

        RuleEngine engine = new RuleEngine();
        Map<String, String> rules = new java.util.LinkedHashMap<>();
        rules.put(
                "repeat-customer",
                SegmentTemplates.get("repeat-customer").orElseThrow().rule(Map.of()));
        rules.put(
                "rfm-champion",
                SegmentTemplates.get("rfm-champion").orElseThrow().rule(Map.of()));
        rules.put(
                "cart-abandoner",
                SegmentTemplates.get("cart-abandoner").orElseThrow().rule(Map.of()));
        rules.put(
                "replenishment-due",
                SegmentTemplates.get("replenishment-due").orElseThrow().rule(Map.of()));
        rules.put(
                "new-arrivals-fan",
                SegmentTemplates.get("new-arrivals-fan").orElseThrow().rule(Map.of()));
        rules.put(
                "hand-written",
                "profile.orders >= 2 && profile.totalSpend > 150.0 && profile.country == 'United Kingdom'");
        ForkJoinPool pool = new ForkJoinPool(rt.availableProcessors());
        List<ProfileIndex.Entry> entries = index.snapshot();
        for (Map.Entry<String, String> r : rules.entrySet()) {
            SegmentRule segment = SegmentRule.of(
                    r.getKey(),
                    r.getKey(),
                    1,
                    engine.compile(r.getValue(), RuleEngine.Scope.PROFILE, "rule")
                            .rule(),
                    null,
                    false);
            List<Double> millis = new ArrayList<>();
            RuleScan.Result last = null;
            for (int i = 0; i < rounds + 1; i++) {
                long t0 = System.nanoTime();
                // as PreviewService: a fresh copy of the index, then the scan
                List<ProfileIndex.Entry> all = i == 0 ? entries : index.snapshot();
                last = RuleScan.run(engine, segment, all, rfm, null, now, 20, false, pool);
                if (i > 0) {
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
            }
            millis.sort(Double::compare);
            System.out.printf(
                    Locale.ROOT,
                    "segment-preview %-18s profiles=%d matching=%d best=%.0fms median=%.0fms worst=%.0fms"
                            + " (after one warm-up scan)%n",
                    r.getKey(),
                    last.evaluated(),
                    last.matched(),
                    millis.getFirst(),
                    millis.get(millis.size() / 2),
                    millis.getLast());
        }
        pool.shutdown();
    }
}
