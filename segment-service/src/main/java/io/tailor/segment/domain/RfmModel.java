package io.tailor.segment.domain;

import io.tailor.rules.RuleInputs;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;

/**
 * RFM scoring: each buyer's recency (time of the last order), frequency (orders) and monetary value (total spend)
 * scored 1 to 5 by quintile among all buyers, and their spend percentile (docs/segments.md, "RFM").
 *
 * <p>Method: the values of all buyers (profiles with at least one order) are sorted; the four cut points of a
 * measure are the values at ranks ⌈k·n/5⌉ (k = 1..4, 1-based); a buyer's score is 1 plus the number of cut points
 * strictly below their value, so equal values share a score and a higher value never scores lower. Recency is
 * ranked by the instant of the last order, so the boundaries do not age between recomputations. The spend
 * percentile is the share of buyers who spent strictly less, in percent (the top buyer of 10 has 90): exact from
 * every buyer's spend up to {@value #EXACT_POINTS} buyers, beyond that from that many evenly spaced ranks. Shoppers
 * without orders score 0 everywhere.
 *
 * @param computedAt when the boundaries were computed
 * @param buyers how many buyers they were computed from
 * @param recencyCuts epoch milliseconds of the last order at the four cut points
 * @param frequencyCuts orders at the four cut points
 * @param monetaryCuts total spend at the four cut points
 * @param spendPoints sorted spend of every buyer, or of evenly spaced ranks
 */
public record RfmModel(
        Instant computedAt,
        int buyers,
        long[] recencyCuts,
        long[] frequencyCuts,
        double[] monetaryCuts,
        double[] spendPoints) {

    /** Above this many buyers, the spend percentile comes from this many evenly spaced ranks. */
    public static final int EXACT_POINTS = 2_001;

    /** What scoring needs to know of one profile. */
    public record Facts(int orders, double spend, long lastOrderAtMillis) {

        public boolean buyer() {
            return orders > 0;
        }
    }

    /** No buyers yet: everyone scores 0. */
    public static final RfmModel EMPTY =
            new RfmModel(Instant.EPOCH, 0, new long[0], new long[0], new double[0], new double[0]);

    /** Computes the boundaries from every profile's facts. */
    public static RfmModel compute(Collection<Facts> profiles, Instant now) {
        int n = (int) profiles.stream().filter(Facts::buyer).count();
        if (n == 0) {
            return new RfmModel(now, 0, new long[0], new long[0], new double[0], new double[0]);
        }
        long[] recency = new long[n];
        long[] frequency = new long[n];
        double[] spend = new double[n];
        int i = 0;
        for (Facts f : profiles) {
            if (f.buyer()) {
                recency[i] = f.lastOrderAtMillis();
                frequency[i] = f.orders();
                spend[i] = f.spend();
                i++;
            }
        }
        Arrays.sort(recency);
        Arrays.sort(frequency);
        Arrays.sort(spend);
        long[] r = new long[4];
        long[] f = new long[4];
        double[] m = new double[4];
        for (int k = 1; k <= 4; k++) {
            int rank = (int) Math.ceil(k * (double) n / 5) - 1;
            r[k - 1] = recency[rank];
            f[k - 1] = frequency[rank];
            m[k - 1] = spend[rank];
        }
        double[] points = spend;
        if (n > EXACT_POINTS) {
            points = new double[EXACT_POINTS];
            for (int p = 0; p < EXACT_POINTS; p++) {
                points[p] = spend[(int) Math.round(p * (n - 1) / (double) (EXACT_POINTS - 1))];
            }
        }
        return new RfmModel(now, n, r, f, m, points);
    }

    /** The scores of a profile with these facts. */
    public RuleInputs.Scores scores(Facts facts) {
        if (!facts.buyer() || buyers == 0) {
            return RuleInputs.Scores.NONE;
        }
        return new RuleInputs.Scores(
                1 + below(recencyCuts, facts.lastOrderAtMillis()),
                1 + below(frequencyCuts, facts.orders()),
                1 + below(monetaryCuts, facts.spend()),
                percentile(facts.spend()));
    }

    private double percentile(double spend) {
        int lower = 0;
        int upper = spendPoints.length;
        while (lower < upper) {
            int mid = (lower + upper) >>> 1;
            if (spendPoints[mid] < spend) {
                lower = mid + 1;
            } else {
                upper = mid;
            }
        }
        return Math.round(lower * 10_000.0 / spendPoints.length) / 100.0;
    }

    private static int below(long[] cuts, long value) {
        int count = 0;
        for (long c : cuts) {
            if (c < value) {
                count++;
            }
        }
        return count;
    }

    private static int below(double[] cuts, double value) {
        int count = 0;
        for (double c : cuts) {
            if (c < value) {
                count++;
            }
        }
        return count;
    }

    /** Whether scoring with {@code other} could give anyone other scores than with these boundaries. */
    public boolean sameAs(RfmModel other) {
        return other != null
                && buyers == other.buyers
                && Arrays.equals(recencyCuts, other.recencyCuts)
                && Arrays.equals(frequencyCuts, other.frequencyCuts)
                && Arrays.equals(monetaryCuts, other.monetaryCuts)
                && Arrays.equals(spendPoints, other.spendPoints);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RfmModel other && computedAt.equals(other.computedAt) && sameAs(other);
    }

    @Override
    public int hashCode() {
        return computedAt.hashCode() * 31 + buyers;
    }

    @Override
    public String toString() {
        return "RfmModel[computedAt=" + computedAt + ", buyers=" + buyers + ", recencyCuts="
                + Arrays.toString(recencyCuts) + ", frequencyCuts=" + Arrays.toString(frequencyCuts)
                + ", monetaryCuts=" + Arrays.toString(monetaryCuts) + "]";
    }
}
