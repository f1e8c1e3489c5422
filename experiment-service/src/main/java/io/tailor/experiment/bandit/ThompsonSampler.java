package io.tailor.experiment.bandit;

import org.hipparchus.random.RandomDataGenerator;

/**
 * Thompson sampling over Bernoulli arms with Beta(1 + successes, 1 + failures) posteriors, and a minimum exploration
 * share: with probability k × minShare an arm is chosen uniformly, otherwise the arm with the highest posterior
 * draw. Every arm is therefore shown at least {@code minShare} of the time, however far behind it falls.
 */
public final class ThompsonSampler {

    private final RandomDataGenerator random;

    public ThompsonSampler(RandomDataGenerator random) {
        this.random = random;
    }

    /** The arm to show next. */
    public int choose(long[] trials, long[] successes, double minShare) {
        int k = trials.length;
        if (random.nextDouble() < k * minShare) {
            return random.nextInt(0, k - 1);
        }
        int best = 0;
        double bestDraw = -1;
        for (int i = 0; i < k; i++) {
            double draw = random.nextBeta(1 + successes[i], 1 + Math.max(0, trials[i] - successes[i]));
            if (draw > bestDraw) {
                bestDraw = draw;
                best = i;
            }
        }
        return best;
    }

    /** The share of traffic each arm gets now, estimated from {@code draws} simulated choices. */
    public double[] allocation(long[] trials, long[] successes, double minShare, int draws) {
        double[] share = new double[trials.length];
        for (int d = 0; d < draws; d++) {
            share[choose(trials, successes, minShare)]++;
        }
        for (int i = 0; i < share.length; i++) {
            share[i] /= draws;
        }
        return share;
    }

    /** The arm with the highest posterior mean (what a stopped bandit serves). */
    public static int leader(long[] trials, long[] successes) {
        int best = 0;
        double bestMean = -1;
        for (int i = 0; i < trials.length; i++) {
            double mean = (1.0 + successes[i]) / (2.0 + trials[i]);
            if (mean > bestMean) {
                bestMean = mean;
                best = i;
            }
        }
        return best;
    }
}
