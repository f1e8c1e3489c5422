package io.tailor.bench.segment;

import com.google.protobuf.Message;
import io.tailor.bench.BenchSupport;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.RfmModel;
import io.tailor.segment.domain.SegmentEvaluator;
import io.tailor.segment.domain.SegmentRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What segment-service does on every profile change, without I/O: build the rule input of the changed profile
 * (with its RFM scores) and evaluate 50 segments (with their wake-up expressions) against it. Profiles are those of
 * the real retail history; figures for one thread and for every core.
 *
 * <p>Usage: {@code ./bench/run.sh segment.SegmentEvaluationBenchmark [seconds=10]}
 */
public final class SegmentEvaluationBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        BenchSupport.machine();
        Instant now = Instant.now();
        List<ProfileSnapshot> profiles = BenchProfiles.retail("eval", now);
        RuleEngine engine = new RuleEngine();
        List<SegmentRule> segments = BenchProfiles.fifty(engine);
        List<RfmModel.Facts> facts = new ArrayList<>();
        profiles.forEach(p -> facts.add(ProfileIndex.facts(p)));
        RfmModel rfm = RfmModel.compute(facts, now);
        SegmentEvaluator evaluator = new SegmentEvaluator(engine);
        System.out.printf(Locale.ROOT, "profiles=%d segments=%d%n", profiles.size(), segments.size());

        run("warm-up", 1, seconds, profiles, segments, evaluator, rfm, now);
        breakdown(profiles, segments, engine, evaluator, rfm, now);
        run("1 thread", 1, seconds, profiles, segments, evaluator, rfm, now);
        int cores = Runtime.getRuntime().availableProcessors();
        run(cores + " threads", cores, seconds, profiles, segments, evaluator, rfm, now);
    }

    /** Where the time goes: building the input, and each segment's rule and wake-up, slowest first. */
    private static void breakdown(
            List<ProfileSnapshot> profiles,
            List<SegmentRule> segments,
            RuleEngine engine,
            SegmentEvaluator evaluator,
            RfmModel rfm,
            Instant now) {
        List<Message> inputs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int r = 0; r < 20; r++) {
            inputs.clear();
            for (ProfileSnapshot p : profiles) {
                inputs.add(RuleInputs.profile(p, rfm.scores(ProfileIndex.facts(p))));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "input build: %.1f µs per profile%n",
                (System.nanoTime() - t0) / 1e3 / (20.0 * profiles.size()));
        List<String> lines = new ArrayList<>();
        for (SegmentRule s : segments) {
            long r0 = System.nanoTime();
            for (int r = 0; r < 5; r++) {
                for (Message m : inputs) {
                    engine.evaluate(s.rule(), m, null, now);
                }
            }
            double rule = (System.nanoTime() - r0) / 1e3 / (5.0 * inputs.size());
            long w0 = System.nanoTime();
            for (int r = 0; r < 5; r++) {
                for (Message m : inputs) {
                    evaluator.nextWakeUp(s, m, now);
                }
            }
            double wake = (System.nanoTime() - w0) / 1e3 / (5.0 * inputs.size());
            lines.add(String.format(
                    Locale.ROOT,
                    "%8.1f µs rule %8.1f µs wake-up  %s",
                    rule,
                    wake,
                    s.rule().source()));
        }
        lines.sort(java.util.Comparator.reverseOrder());
        System.out.println("slowest segments per profile:");
        lines.stream().limit(8).forEach(l -> System.out.println("  " + (l.length() > 160 ? l.substring(0, 160) : l)));
    }

    private static void run(
            String name,
            int threads,
            int seconds,
            List<ProfileSnapshot> profiles,
            List<SegmentRule> segments,
            SegmentEvaluator evaluator,
            RfmModel rfm,
            Instant now)
            throws InterruptedException {
        LongAdder changes = new LongAdder();
        LongAdder matches = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(Thread.ofPlatform().start(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    for (int n = 0; n < 100; n++) {
                        ProfileSnapshot p = profiles.get(i % profiles.size());
                        i += threads;
                        Message input = RuleInputs.profile(p, rfm.scores(ProfileIndex.facts(p)));
                        SegmentEvaluator.Evaluation e = evaluator.evaluate(segments, input, now);
                        matches.add(e.matches().size());
                    }
                    changes.add(100);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "segment-evaluation %s: profile changes/s=%.0f (each 50 segments), rule evaluations/s=%.0f,"
                        + " µs per change=%.1f, mean matches per profile=%.1f%n",
                name,
                changes.sum() / s,
                changes.sum() * segments.size() / s,
                s * 1e6 * threads / changes.sum(),
                (double) matches.sum() / changes.sum());
    }
}
