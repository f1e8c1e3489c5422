package io.tailor.recommendation.offline;

import io.tailor.recommendation.session.SessionIndex;
import io.tailor.recommendation.session.SessionRecommender;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Next-item evaluation (Ludewig et al. 2021): for every test session and every position, the recommender sees the
 * session up to there and must name the next item among its top {@code cutoff}. HR@N counts the hits, MRR@N the
 * reciprocal rank of the hit (0 when missed). Coverage is the share of training items ever recommended; popularity
 * the mean of the recommended items' training counts divided by the largest count. Confidence intervals come from a
 * bootstrap over test sessions (predictions of one session are not independent).
 */
public final class Evaluation {

    /** The figures of one strategy. */
    public record Result(
            String strategy,
            double hitRate,
            double mrr,
            double coverage,
            double popularity,
            double[] hitRateInterval,
            double[] mrrInterval,
            long predictions,
            double seconds) {}

    private Evaluation() {}

    public static Result run(
            SessionRecommender recommender,
            SessionIndex train,
            List<SessionSplit.TestSession> test,
            int cutoff,
            int bootstrap,
            long seed) {
        long started = System.nanoTime();
        double[] sessionHits = new double[test.size()];
        double[] sessionRr = new double[test.size()];
        int[] sessionPredictions = new int[test.size()];
        BitSet recommended = new BitSet(train.items());
        double popularity = 0;
        long lists = 0;
        double maxCount = Math.max(1, train.maxCount());
        for (int t = 0; t < test.size(); t++) {
            SessionSplit.TestSession session = test.get(t);
            for (int i = 1; i < session.items().length; i++) {
                int[] prefix = Arrays.copyOf(session.items(), i);
                int[] top = recommender.recommend(prefix, session.seconds()[i - 1], cutoff);
                int target = session.items()[i];
                for (int r = 0; r < top.length; r++) {
                    if (top[r] == target) {
                        sessionHits[t]++;
                        sessionRr[t] += 1.0 / (r + 1);
                        break;
                    }
                }
                sessionPredictions[t]++;
                if (top.length > 0) {
                    double sum = 0;
                    for (int item : top) {
                        recommended.set(item);
                        sum += train.count(item) / maxCount;
                    }
                    popularity += sum / top.length;
                    lists++;
                }
            }
        }
        long predictions = Arrays.stream(sessionPredictions).asLongStream().sum();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(
                recommender.name(),
                ratio(sessionHits, sessionPredictions),
                ratio(sessionRr, sessionPredictions),
                train.items() == 0 ? 0 : (double) recommended.cardinality() / train.items(),
                lists == 0 ? 0 : popularity / lists,
                interval(sessionHits, sessionPredictions, bootstrap, seed),
                interval(sessionRr, sessionPredictions, bootstrap, seed),
                predictions,
                seconds);
    }

    private static double ratio(double[] sums, int[] counts) {
        double s = 0;
        long n = 0;
        for (int i = 0; i < sums.length; i++) {
            s += sums[i];
            n += counts[i];
        }
        return n == 0 ? 0 : s / n;
    }

    /** The 95% percentile interval of the ratio over {@code rounds} resamples of sessions with replacement. */
    static double[] interval(double[] sums, int[] counts, int rounds, long seed) {
        if (sums.length == 0 || rounds <= 0) {
            return new double[] {0, 0};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] estimates = new double[rounds];
        for (int b = 0; b < rounds; b++) {
            double s = 0;
            long n = 0;
            for (int i = 0; i < sums.length; i++) {
                int pick = random.nextInt(sums.length);
                s += sums[pick];
                n += counts[pick];
            }
            estimates[b] = n == 0 ? 0 : s / n;
        }
        Arrays.sort(estimates);
        return new double[] {
            estimates[(int) Math.floor(0.025 * (rounds - 1))], estimates[(int) Math.ceil(0.975 * (rounds - 1))]
        };
    }
}
