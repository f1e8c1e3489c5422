package io.tailor.segment.domain;

import com.google.protobuf.Message;
import io.tailor.rules.RuleEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * One segment's rule over many stored profiles, in parallel: how many match (previews) and, for backfills, who
 * they are and when each should next be looked at. Each profile is decoded only as far as the rule reads it.
 */
public final class RuleScan {

    private static final int CHUNK = 2_000;

    /**
     * @param sample up to the asked number of matching profile ids, in index order
     * @param members every matching profile id (backfills only; else null)
     * @param wakeUps the next wake-up of each profile that has one (backfills only; else null)
     */
    public record Result(
            long evaluated,
            long matched,
            long errors,
            String firstError,
            List<String> sample,
            Set<String> members,
            Map<String, Instant> wakeUps) {}

    private RuleScan() {}

    /**
     * @param request the page for request segments (null for profile segments)
     * @param collect whether to collect every member and wake-up (backfills)
     */
    public static Result run(
            RuleEngine engine,
            SegmentRule segment,
            List<ProfileIndex.Entry> entries,
            RfmModel rfm,
            Message request,
            Instant now,
            int sampleSize,
            boolean collect,
            ForkJoinPool pool) {
        SegmentEvaluator evaluator = new SegmentEvaluator(engine);
        return pool.invoke(new Part(
                engine, evaluator, segment, entries, 0, entries.size(), rfm, request, now, sampleSize, collect));
    }

    private static final class Part extends RecursiveTask<Result> {
        private final RuleEngine engine;
        private final SegmentEvaluator evaluator;
        private final SegmentRule segment;
        private final List<ProfileIndex.Entry> entries;
        private final int from;
        private final int to;
        private final RfmModel rfm;
        private final Message request;
        private final Instant now;
        private final int sampleSize;
        private final boolean collect;

        Part(
                RuleEngine engine,
                SegmentEvaluator evaluator,
                SegmentRule segment,
                List<ProfileIndex.Entry> entries,
                int from,
                int to,
                RfmModel rfm,
                Message request,
                Instant now,
                int sampleSize,
                boolean collect) {
            this.engine = engine;
            this.evaluator = evaluator;
            this.segment = segment;
            this.entries = entries;
            this.from = from;
            this.to = to;
            this.rfm = rfm;
            this.request = request;
            this.now = now;
            this.sampleSize = sampleSize;
            this.collect = collect;
        }

        @Override
        protected Result compute() {
            if (to - from > CHUNK) {
                int mid = (from + to) >>> 1;
                Part left = new Part(
                        engine, evaluator, segment, entries, from, mid, rfm, request, now, sampleSize, collect);
                Part right =
                        new Part(engine, evaluator, segment, entries, mid, to, rfm, request, now, sampleSize, collect);
                left.fork();
                Result r = right.compute();
                return merge(left.join(), r, sampleSize);
            }
            long matched = 0;
            long errors = 0;
            String firstError = null;
            List<String> sample = new ArrayList<>();
            Set<String> members = collect ? new HashSet<>() : null;
            Map<String, Instant> wakeUps = collect ? new HashMap<>() : null;
            for (int i = from; i < to; i++) {
                ProfileIndex.Entry e = entries.get(i);
                Message profile = segment.projection().profile(e.input(), rfm.scores(e.facts()));
                RuleEngine.Outcome outcome = engine.evaluate(segment.rule(), profile, request, now);
                if (outcome.matches()) {
                    matched++;
                    if (sample.size() < sampleSize) {
                        sample.add(e.profileId());
                    }
                    if (collect) {
                        members.add(e.profileId());
                    }
                }
                if (outcome.error() != null) {
                    errors++;
                    if (firstError == null) {
                        firstError = outcome.error();
                    }
                }
                if (collect) {
                    Instant at = evaluator.nextWakeUp(segment, profile, now);
                    if (at != null) {
                        wakeUps.put(e.profileId(), at);
                    }
                }
            }
            return new Result(to - from, matched, errors, firstError, sample, members, wakeUps);
        }
    }

    private static Result merge(Result a, Result b, int sampleSize) {
        List<String> sample = new ArrayList<>(a.sample());
        for (String id : b.sample()) {
            if (sample.size() >= sampleSize) {
                break;
            }
            sample.add(id);
        }
        // Each part's set and map belong to it alone: the larger takes in the smaller, so a backfill over millions of
        // profiles does not copy its members at every level of the fork-join tree.
        Set<String> members = null;
        if (a.members() != null) {
            members = a.members().size() >= b.members().size() ? a.members() : b.members();
            members.addAll(members == a.members() ? b.members() : a.members());
        }
        Map<String, Instant> wakeUps = null;
        if (a.wakeUps() != null) {
            wakeUps = a.wakeUps().size() >= b.wakeUps().size() ? a.wakeUps() : b.wakeUps();
            wakeUps.putAll(wakeUps == a.wakeUps() ? b.wakeUps() : a.wakeUps());
        }
        return new Result(
                a.evaluated() + b.evaluated(),
                a.matched() + b.matched(),
                a.errors() + b.errors(),
                a.firstError() != null ? a.firstError() : b.firstError(),
                sample,
                members,
                wakeUps);
    }
}
