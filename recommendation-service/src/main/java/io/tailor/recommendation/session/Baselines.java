package io.tailor.recommendation.session;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference baselines of the session-based recommendation literature (Hidasi et al. 2016, Wu et al. 2019 SR-GNN,
 * Ludewig et al. 2021): POP, S-POP and Item-KNN.
 */
public final class Baselines {

    private Baselines() {}

    /** POP: the most seen items of the training data, the same for every session. */
    public static SessionRecommender pop(SessionIndex index) {
        return new SessionRecommender() {
            @Override
            public String name() {
                return "pop";
            }

            @Override
            public int[] recommend(int[] session, long time, int k) {
                return Arrays.copyOf(index.byPopularity(), Math.min(k, index.items()));
            }
        };
    }

    /** S-POP: the items of the current session, most repeated first (ties by popularity), then POP. */
    public static SessionRecommender sessionPop(SessionIndex index) {
        return new SessionRecommender() {
            private final Scores scores = new Scores(index.items());

            @Override
            public String name() {
                return "s-pop";
            }

            @Override
            public int[] recommend(int[] session, long time, int k) {
                for (int item : session) {
                    scores.add(item, 1);
                }
                return fill(scores.takeTop(k, index), index.byPopularity(), k);
            }
        };
    }

    /**
     * Item-KNN: the items most similar to the session's last item, similarity from co-occurrence in sessions,
     * {@code co(i,j) / (n(i)^alpha * n(j)^(1-alpha) + lambda)} with {@code n} the number of sessions with the item
     * (the baseline of Hidasi et al. 2016, defaults alpha 0.5, lambda 20).
     */
    public static SessionRecommender itemKnn(SessionIndex index, double alpha, double lambda) {
        return new SessionRecommender() {
            private final Map<Integer, int[]> cache = new HashMap<>();
            private final Scores scores = new Scores(index.items());

            @Override
            public String name() {
                return "item-knn";
            }

            @Override
            public int[] recommend(int[] session, long time, int k) {
                if (session.length == 0) {
                    return new int[0];
                }
                int last = session[session.length - 1];
                int[] similar = cache.computeIfAbsent(last, this::similarTo);
                return Arrays.copyOf(similar, Math.min(k, similar.length));
            }

            private int[] similarTo(int item) {
                int[] with = index.sessionsWith(item);
                int[] co = new int[index.items()];
                int[] touched = new int[index.items()];
                int size = 0;
                for (int s : with) {
                    for (int other : Neighbours.distinct(index.session(s))) {
                        if (other != item) {
                            if (co[other] == 0) {
                                touched[size++] = other;
                            }
                            co[other]++;
                        }
                    }
                }
                double left = Math.pow(index.sessionCount(item), alpha);
                for (int i = 0; i < size; i++) {
                    int other = touched[i];
                    double right = Math.pow(index.sessionCount(other), 1 - alpha);
                    scores.add(other, co[other] / (left * right + lambda));
                }
                return scores.takeTop(100, index);
            }
        };
    }

    /** {@code first}, then items of {@code then} not already in it, up to {@code k}. */
    static int[] fill(int[] first, int[] then, int k) {
        if (first.length >= k) {
            return Arrays.copyOf(first, k);
        }
        int[] out = Arrays.copyOf(first, k);
        int n = first.length;
        for (int i = 0; i < then.length && n < k; i++) {
            int candidate = then[i];
            boolean present = false;
            for (int j = 0; j < n; j++) {
                if (out[j] == candidate) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                out[n++] = candidate;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
