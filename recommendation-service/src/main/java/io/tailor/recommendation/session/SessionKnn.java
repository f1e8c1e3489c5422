package io.tailor.recommendation.session;

import java.util.HashMap;
import java.util.Map;

/**
 * The session-based nearest-neighbour family: find past sessions similar to the current one, and score each item by
 * the similarity of the neighbours it appears in.
 *
 * <ul>
 *   <li>SKNN (Jannach and Ludewig, RecSys 2017): binary cosine similarity of the sets of items.
 *   <li>V-SKNN (same paper; Ludewig and Jannach, UMUAI 2018): the current session as a vector whose weights decay
 *       linearly towards its oldest item, similarity its dot product with the neighbour's items.
 *   <li>STAN (Garg et al., SIGIR 2019): three exponential decays: of the current session's items by position
 *       ({@code lambda1}), of neighbours by age ({@code lambda2}, seconds), and of a neighbour's items by their
 *       distance from the last item it shares with the current session ({@code lambda3}).
 * </ul>
 *
 * All use recency sampling: only the {@code sample} most recent sessions sharing an item are candidates. Instances
 * keep scratch arrays and are not thread-safe.
 */
public final class SessionKnn implements SessionRecommender {

    enum Kind {
        SKNN,
        VSKNN,
        STAN
    }

    /**
     * @param k neighbours kept
     * @param sample candidate sessions considered (the most recent ones)
     * @param lambda1 STAN: decay of the current session's items by position
     * @param lambda2 STAN: decay of neighbours by age, in seconds
     * @param lambda3 STAN: decay of a neighbour's items by distance from the shared item
     */
    public record Parameters(int k, int sample, double lambda1, double lambda2, double lambda3) {

        /** SKNN as published: k 100, 500 recent sessions (Ludewig et al. 2021, Table 3 defaults of session-rec). */
        public static Parameters sknn() {
            return new Parameters(100, 500, 0, 0, 0);
        }

        /** V-SKNN: k 100, 1000 recent sessions. */
        public static Parameters vsknn() {
            return new Parameters(100, 1000, 0, 0, 0);
        }

        /** STAN with the defaults of its reference implementation: k 100, 5000 sessions, 1.02, 5 days, 2.05. */
        public static Parameters stan() {
            return new Parameters(100, 5000, 1.02, 5 * 86_400, 2.05);
        }
    }

    private final Kind kind;
    private final String name;
    private final SessionIndex index;
    private final Parameters parameters;
    private final Neighbours neighbours;
    private final Scores scores;

    private SessionKnn(Kind kind, String name, SessionIndex index, Parameters parameters) {
        this.kind = kind;
        this.name = name;
        this.index = index;
        this.parameters = parameters;
        this.neighbours = new Neighbours(index);
        this.scores = new Scores(index.items());
    }

    public static SessionKnn sknn(SessionIndex index, Parameters parameters) {
        return new SessionKnn(Kind.SKNN, "sknn", index, parameters);
    }

    public static SessionKnn vsknn(SessionIndex index, Parameters parameters) {
        return new SessionKnn(Kind.VSKNN, "v-sknn", index, parameters);
    }

    public static SessionKnn stan(SessionIndex index, Parameters parameters) {
        return new SessionKnn(Kind.STAN, "stan", index, parameters);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] recommend(int[] session, long time, int k) {
        int[] items = Neighbours.distinct(session);
        if (items.length == 0) {
            return new int[0];
        }
        // weight of each of the current session's items: the position of its last occurrence, 1-based
        Map<Integer, Double> weight = new HashMap<>();
        int n = session.length;
        for (int p = 1; p <= n; p++) {
            int item = session[p - 1];
            double w =
                    switch (kind) {
                        case SKNN -> 1.0;
                        case VSKNN -> (double) p / n;
                        case STAN -> Math.exp((p - n) / parameters.lambda1());
                    };
            weight.put(item, w);
        }
        int[] candidates = neighbours.recent(items, parameters.sample());
        double[] similarity = new double[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            int[] other = Neighbours.distinct(index.session(candidates[c]));
            double dot = 0;
            for (int item : other) {
                Double w = weight.get(item);
                if (w != null) {
                    dot += w;
                }
            }
            similarity[c] = switch (kind) {
                case SKNN -> dot / Math.sqrt((double) items.length * other.length);
                case VSKNN -> dot;
                case STAN -> {
                    double age = Math.max(0, time - index.time(candidates[c]));
                    yield dot
                            / Math.sqrt((double) session.length * index.session(candidates[c]).length)
                            * Math.exp(-age / parameters.lambda2());
                }
            };
        }
        for (int c : Neighbours.topK(similarity, parameters.k())) {
            int[] neighbour = index.session(candidates[c]);
            if (kind == Kind.STAN) {
                scoreByDistance(session, neighbour, similarity[c]);
            } else {
                for (int item : Neighbours.distinct(neighbour)) {
                    scores.add(item, similarity[c]);
                }
            }
        }
        return scores.takeTop(k, index);
    }

    /** STAN's item weights: a neighbour's items count less the further they are from the last item shared. */
    private void scoreByDistance(int[] session, int[] neighbour, double similarity) {
        int shared = -1;
        for (int i = session.length - 1; i >= 0 && shared < 0; i--) {
            for (int p = neighbour.length - 1; p >= 0; p--) {
                if (neighbour[p] == session[i]) {
                    shared = p;
                    break;
                }
            }
        }
        // an item seen twice in the neighbour counts once, at its nearest position
        Map<Integer, Double> best = new HashMap<>();
        for (int p = 0; p < neighbour.length; p++) {
            double w = Math.exp(-Math.abs(p - shared) / parameters.lambda3());
            best.merge(neighbour[p], w, Math::max);
        }
        best.forEach((item, w) -> scores.add(item, similarity * w));
    }
}
